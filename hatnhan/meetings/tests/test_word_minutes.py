"""The Word minutes ("BIÊN BẢN SINH HOẠT CHI BỘ") from the meeting record, in the party's
format (HD 36-HD/VPTW via hatnhan/core/docx.py), read back with python-docx."""

import io

import docx
import pytest

from hatnhan.core.docx import render
from hatnhan.meetings import word

from .word_meeting import held_meeting

pytestmark = pytest.mark.django_db


def read(meeting):
    return docx.Document(io.BytesIO(render(word.minutes_document(meeting))))


def texts(document):
    return [p.text for p in document.paragraphs]


def test_header_names_the_cell_and_the_body_above(tree, make_member):
    """HD 36 header: superior body, issuing body, "Số …-BB/CB", place and date."""
    document = read(held_meeting(tree, make_member))
    left, right = document.tables[0].rows[0].cells
    lines = [p.text for p in left.paragraphs]
    assert lines[:3] == ["ĐẢNG ỦY SỞ TÀI CHÍNH", "CHI BỘ PHÒNG NGÂN SÁCH", "*"]
    assert lines[3].startswith("Số ") and lines[3].endswith("-BB/CB")
    assert right.paragraphs[-1].text == "Nghệ An, ngày 02 tháng 12 năm 2026"
    assert "BIÊN BẢN SINH HOẠT CHI BỘ" in texts(document)
    assert "Thường kỳ tháng 12 năm 2026" in texts(document)


def test_parts_in_order_with_attendance_speakers_and_review(tree, make_member):
    """The minutes' parts (issue 9): time, place and who came; opening; last month's
    resolution reviewed task by task; the political task; each speaker; conclusions; the
    resolution; the end time."""
    document = read(held_meeting(tree, make_member))
    body = texts(document)
    headings = [t for t in body if t[:4] in {"I. K", "II. ", "III.", "IV. ", "V. K", "VI. "}]
    assert headings == [
        "I. Khai mạc",
        "II. Kiểm điểm việc thực hiện nghị quyết tháng trước",
        "III. Tình hình thực hiện nhiệm vụ chính trị",
        "IV. Thảo luận",
        "V. Kết luận của chủ trì",
        "VI. Nghị quyết",
    ]
    assert "Thời gian: bắt đầu lúc 14 giờ 00 phút, ngày 02/12/2026." in body
    summoned = "Tổng số đảng viên được triệu tập: 4 đồng chí; có mặt: 3"
    assert any(t.startswith(summoned) for t in body)
    assert "Vắng có lý do: Vũ Văn Vắng (Đi công tác)." in body
    assert "Đồng chí Lê Văn Chủ: Ý kiến 0" in body
    assert "2. Chấn chỉnh giờ giấc làm việc." in body
    assert "Cuộc sinh hoạt kết thúc lúc 15 giờ 50 phút, ngày 02/12/2026." in body
    review = document.tables[1]
    assert review.rows[1].cells[1].text == "Quyết toán ngân sách năm 2026"


def test_signed_by_the_minutes_secretary_and_the_chair(tree, make_member):
    """Minutes are signed by the one who took them (left) and the chair (right)."""
    left, right = read(held_meeting(tree, make_member)).tables[-1].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["THƯ KÝ", "Phạm Thị Ký"]
    assert [p.text for p in right.paragraphs if p.text] == ["CHỦ TRÌ", "Lê Văn Chủ"]


def test_a_part_an_app_above_adds(tree, make_member, monkeypatch):
    """Apps above meetings add their part through the registry (votes: the results)."""
    from hatnhan.core.docx import Heading, Para

    monkeypatch.setattr(word, "MINUTES_PARTS_REGISTRY", [])
    word.register_minutes_part(lambda meeting: [Heading("Biểu quyết"), Para("Tán thành: 3")])
    body = texts(read(held_meeting(tree, make_member)))
    assert body[body.index("VII. Biểu quyết") + 1] == "Tán thành: 3"
