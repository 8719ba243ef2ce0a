"""The party's Word layout (HD 36-HD/VPTW, REGULATIONS.md §5), read back with python-docx:
A4 and its margins, Times New Roman at the table's sizes, the header block, the kind and
title, the body, the signer block and "Nơi nhận"."""

import datetime as dt
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from hatnhan.core.docx import Heading, Para, PartyDocument, Signer, Table, render

DOC = PartyDocument(
    superior="Đảng bộ Khối các cơ quan tỉnh",
    issuer="Chi bộ Sở Tài chính",
    number="12-BB/CB",
    place="Hà Nội",
    date=dt.date(2026, 12, 2),
    kind="Biên bản",
    title="Sinh hoạt chi bộ tháng 12 năm 2026",
    body=[
        Heading("I. Khai mạc"),
        "Đồng chí Bí thư khai mạc.\nĐồng chí Thư ký đọc biên bản tháng trước.",
        Para("Chi bộ thống nhất.", italic=True),
        Table(["STT", "Họ và tên"], [["1", "Nguyễn Văn An"]]),
    ],
    signer=Signer(capacity="T/M Chi bộ", post="Bí thư", name="Nguyễn Văn An"),
    left_signer=Signer(post="Thư ký", name="Trần Thị Bình"),
    recipients=["Đảng ủy Khối", "Lưu Chi bộ"],
)


@pytest.fixture(scope="module")
def document():
    return docx.Document(io.BytesIO(render(DOC)))


def runs_of(paragraphs):
    return [run for paragraph in paragraphs for run in paragraph.runs if run.text.strip()]


def paragraph(cell_or_doc, text):
    return next(p for p in cell_or_doc.paragraphs if p.text == text)


def test_a4_portrait_with_hd36_margins(document):
    """HD 36: A4; top and bottom 20 mm, left 30 mm, right 15 mm."""
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


def test_every_run_is_times_new_roman(document):
    """HD 36: Times New Roman (TCVN 6909:2001 Unicode) throughout, header and signer too."""
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    runs = runs_of(document.paragraphs) + runs_of(p for c in cells for p in c.paragraphs)
    assert runs
    assert {run.font.name for run in runs} == {"Times New Roman"}


def test_header_block(document):
    """HD 36 §5 table: superior body upper 14 regular, issuing body upper 14 bold, the
    asterisk, "Số …" 14; "ĐẢNG CỘNG SẢN VIỆT NAM" upper 15 bold underlined; place and date
    14 italic with a leading zero on the day."""
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
        "CHI BỘ SỞ TÀI CHÍNH",
        "*",
        "Số 12-BB/CB",
    ]
    superior = paragraph(left, "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH").runs[0].font
    issuer = paragraph(left, "CHI BỘ SỞ TÀI CHÍNH").runs[0].font
    assert superior.size.pt == 14 and not superior.bold
    assert issuer.size.pt == 14 and issuer.bold
    assert paragraph(left, "Số 12-BB/CB").runs[0].font.size.pt == 14
    party = paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM").runs[0].font
    assert party.size.pt == 15 and party.bold and party.underline
    date = paragraph(right, "Hà Nội, ngày 02 tháng 12 năm 2026").runs[0].font
    assert date.size.pt == 14 and date.italic


def test_kind_and_title_centred_bold(document):
    """HD 36: the document kind upper case 15–16 bold, the summary line 14–15 bold, centred."""
    kind = paragraph(document, "BIÊN BẢN")
    title = paragraph(document, "Sinh hoạt chi bộ tháng 12 năm 2026")
    for p in (kind, title):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.runs[0].font.bold
    assert 15 <= kind.runs[0].font.size.pt <= 16
    assert 14 <= title.runs[0].font.size.pt <= 15


def test_body_paragraphs_one_per_line_justified_14(document):
    """HD 36: body 14–15 regular; each line of a typed text is its own paragraph."""
    texts = [p.text for p in document.paragraphs]
    first = texts.index("Đồng chí Bí thư khai mạc.")
    assert texts[first + 1] == "Đồng chí Thư ký đọc biên bản tháng trước."
    body = paragraph(document, "Đồng chí Bí thư khai mạc.")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.runs[0].font.size.pt == 14 and not body.runs[0].font.bold
    assert paragraph(document, "I. Khai mạc").runs[0].font.bold
    assert paragraph(document, "Chi bộ thống nhất.").runs[0].font.italic
    assert [c.text for c in document.tables[1].rows[1].cells] == ["1", "Nguyễn Văn An"]


def test_signer_block_and_recipients(document):
    """HD 36: "T/M CHI BỘ", "BÍ THƯ" upper 14 bold, room to sign, the name bold; the
    minutes' secretary on the left; "Nơi nhận:" 14 bold underlined, its list 12."""
    left, right = document.tables[-1].rows[0].cells
    signed = [p.text for p in right.paragraphs if p.text]
    assert signed == ["T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn An"]
    assert all(paragraph(right, t).runs[0].font.bold for t in signed)
    assert len(right.paragraphs) - len(signed) >= 3  # the blank lines for signature and seal
    lines = [p.text for p in left.paragraphs if p.text]
    assert lines == ["THƯ KÝ", "Trần Thị Bình", "Nơi nhận:", "- Đảng ủy Khối", "- Lưu Chi bộ"]
    heading = paragraph(left, "Nơi nhận:").runs[0].font
    assert heading.bold and heading.underline and heading.size.pt == 14
    assert paragraph(left, "- Đảng ủy Khối").runs[0].font.size.pt == 12
