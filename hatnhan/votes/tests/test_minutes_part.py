"""The Word minutes carry the meeting's votes and their results (the votes' part, through
meetings.word's registry)."""

import io

import docx
import pytest

from hatnhan.core.docx import render
from hatnhan.meetings import word
from hatnhan.votes import services

pytestmark = pytest.mark.django_db


def test_minutes_list_each_vote(secret, meeting, users, voter):
    services.cast_ballot(actor=voter, vote=secret, choice="for")
    services.cast_ballot(actor=users["member"], vote=secret, choice="for")
    services.close_vote(actor=users["secretary"], vote=secret)
    services.record_show_of_hands(
        actor=users["secretary"],
        meeting=meeting,
        question="Đề nghị xếp loại",
        votes_for=4,
        votes_against=0,
    )
    body = [
        p.text for p in docx.Document(io.BytesIO(render(word.minutes_document(meeting)))).paragraphs
    ]
    start = body.index("VII. Biểu quyết")
    assert body[start + 1] == (
        "1. Thông qua nghị quyết tháng 12 (bỏ phiếu kín): 5 đồng chí có quyền biểu quyết; "
        "tán thành 2, không tán thành 0, không biểu quyết 0; không được thông qua."
    )
    assert body[start + 2].startswith("2. Đề nghị xếp loại (giơ tay): 5 đồng chí")
    assert body[start + 2].endswith("; được thông qua.")
