"""The printable scorecard fits one A4 sheet in headless Chromium, even a full one: eight
sections of three figures, a year of months each, long names."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from hatnhan.dashboards.printing import PRINT_CHARTS, print_charts
from hatnhan.dashboards.scorecard import Figure, MonthValue, Scorecard, Section
from hatnhan.dashboards.tests.pdf import page_count, printed_pages
from hatnhan.dashboards.tests.sample import SCORECARD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONTHS = [dt.date(2026, m, 1) for m in range(1, 13)]


def _figure(n: int) -> Figure:
    return Figure(
        key=f"f{n}",
        label=f"Chỉ tiêu số {n}: tỷ lệ nhiệm vụ hoàn thành đúng hạn có nghiệm thu",
        value=Decimal("87.5"),
        unit="%",
        better="higher",
        previous=Decimal(80),
        trend=tuple(MonthValue(m, Decimal(50 + 4 * i)) for i, m in enumerate(MONTHS)),
        drill_url=None,
        note="21/24 đúng hạn",
    )


FULL = dataclasses.replace(
    SCORECARD,
    title="Đảng bộ Trung tâm Phục vụ hành chính công và Xúc tiến đầu tư tỉnh",
    period_start=dt.date(2026, 1, 1),
    period_end=dt.date(2026, 12, 31),
    period_label="Năm 2026",
    sections=tuple(
        Section(
            key=f"s{s}",
            title=f"Nhóm chỉ tiêu {s}",
            figures=tuple(_figure(3 * s + i) for i in range(3)),
        )
        for s in range(8)
    ),
)


def _year_before(card: Scorecard) -> Scorecard:
    def back(f: Figure) -> Figure:
        months = tuple(MonthValue(dt.date(2025, m.month.month, 1), Decimal(60)) for m in f.trend)
        return dataclasses.replace(f, trend=months)

    return dataclasses.replace(
        card,
        sections=tuple(
            dataclasses.replace(s, figures=tuple(back(f) for f in s.figures)) for s in card.sections
        ),
    )


def _open(chromium, live_server, card: Scorecard):
    charts = print_charts(card, _year_before(card))
    html = render_to_string(
        "dashboards/print.html", {"card": card, "charts": charts, "today": dt.date(2026, 12, 3)}
    )
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/static/dashboards/print.css")  # the page's relative static links resolve here
    page.set_content(html, wait_until="load")
    return context, page


def test_page_count_reads_chromium_pdfs(chromium, live_server):
    context, page = _open(chromium, live_server, SCORECARD)
    page.set_content("<style>@page{size:A4}</style><p>1</p><p style='break-before:page'>2</p>")
    assert page_count(page.pdf(prefer_css_page_size=True)) == 2
    context.close()


def test_a_full_scorecard_prints_on_one_a4_page(chromium, live_server):
    context, page = _open(chromium, live_server, FULL)
    assert page.locator("#print-figures tr[data-figure]").count() == 24
    assert page.locator(".print-charts svg[role=img]").count() == PRINT_CHARTS
    assert page.locator(".print-charts table.chart-data").count() == PRINT_CHARTS
    assert printed_pages(page) == 1
    context.close()
