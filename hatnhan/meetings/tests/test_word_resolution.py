"""The meeting's resolution as a Word document (HD 36): "NGHỊ QUYẾT", its number, the
grounds, "CHI BỘ QUYẾT NGHỊ:", the text and the tasks it put into the task loop, signed for
the cell by its secretary, with "Nơi nhận"."""

import io

import docx
import pytest

from hatnhan.core.docx import render
from hatnhan.meetings import word

from .word_meeting import held_meeting

pytestmark = pytest.mark.django_db


def test_resolution_document(tree, make_member):
    meeting = held_meeting(tree, make_member)
    document = docx.Document(io.BytesIO(render(word.resolution_document(meeting))))
    body = [p.text for p in document.paragraphs]
    assert "NGHỊ QUYẾT" in body and "CHI BỘ QUYẾT NGHỊ:" in body
    assert "1. Hoàn thành quyết toán ngân sách." in body
    assert document.tables[0].rows[0].cells[0].paragraphs[3].text == "Số 12-NQ/CB"
    tasks = document.tables[1]
    assert [c.text for c in tasks.rows[1].cells] == [
        "1",
        "Quyết toán ngân sách năm 2026",
        "Phạm Thị Ký",
        "31/12/2026",
    ]
    left, right = document.tables[-1].rows[0].cells
    assert [p.text for p in right.paragraphs if p.text] == ["T/M CHI BỘ", "BÍ THƯ", "Lê Văn Chủ"]
    assert [p.text for p in left.paragraphs if p.text] == [
        "Nơi nhận:",
        "- Đảng ủy Sở Tài chính",
        "- Các đảng viên trong chi bộ",
        "- Lưu Chi bộ",
    ]
