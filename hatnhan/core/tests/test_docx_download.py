"""The Word download helper and the layout's text handling: the date as HD 36 writes it,
text XML cannot hold dropped instead of failing, a download that is never cached or sniffed
and keeps a Vietnamese file name."""

import datetime as dt
import io

import docx

from hatnhan.core.docx import (
    DOCX_CONTENT_TYPE,
    PartyDocument,
    docx_response,
    render,
    vietnamese_date,
)


def test_date_as_hd36_writes_it():
    """HD 36: "Nghệ An, ngày 05 tháng 3 năm 2017" — day zero-padded, months 1–2 too."""
    assert vietnamese_date(dt.date(2017, 3, 5), "Nghệ An") == "Nghệ An, ngày 05 tháng 3 năm 2017"
    assert vietnamese_date(dt.date(2026, 1, 9), "Hà Nội") == "Hà Nội, ngày 09 tháng 01 năm 2026"
    assert vietnamese_date(dt.date(2026, 12, 22)) == "Ngày 22 tháng 12 năm 2026"


def test_control_characters_dropped_not_fatal():
    """A pasted control character would make the whole document unwritable."""
    doc = PartyDocument(
        superior="Đảng bộ\x01",
        issuer="Chi bộ",
        kind="Nghị quyết",
        title="Tháng\x0b 12",
        date=dt.date(2026, 12, 2),
        body=["Nội dung\x07 một"],
    )
    read = docx.Document(io.BytesIO(render(doc)))
    texts = [p.text for p in read.paragraphs]
    assert "Tháng 12" in texts and "Nội dung một" in texts
    assert read.tables[0].rows[0].cells[1].paragraphs[-1].text == "Ngày 02 tháng 12 năm 2026"


def test_download_response():
    doc = PartyDocument(
        superior="Đảng bộ", issuer="Chi bộ", kind="Nghị quyết", title="", date=dt.date(2026, 1, 2)
    )
    response = docx_response(doc, filename="Biên bản tháng 1")
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n%20th%C3%A1ng%201.docx" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert docx.Document(io.BytesIO(response.content)).paragraphs
