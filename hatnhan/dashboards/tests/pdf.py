"""Counting a PDF's pages as Chromium writes them (each page an uncompressed `/Type /Page`
dictionary; the page tree's `/Type /Pages` is not one)."""

import re

PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def page_count(pdf: bytes) -> int:
    assert pdf.startswith(b"%PDF-")
    return len(PAGE.findall(pdf))


def printed_pages(page) -> int:
    """The pages the open page prints on, through its own `@page` size (A4)."""
    return page_count(page.pdf(prefer_css_page_size=True, print_background=True))
