"""The pages render for the committee and the member, at a constant query count, and the
Word and Excel outputs read back."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook

from hatnhan.evaluations import services
from hatnhan.evaluations.tests.conftest import YEAR


@pytest.fixture
def computed(users, make_member, make_task, make_round, compute):
    bob = users["member"].member
    make_task(bob, dt.date(YEAR, 3, 1), outcome="exceeded")
    make_task(bob, dt.date(YEAR, 4, 1), submitted=dt.date(YEAR, 4, 9))
    make_member(name="Miễn Sinh Hoạt", status="exempt")
    return compute(make_round())


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_every_page_renders_for_the_committee(client, users, computed):
    client.force_login(users["committee"])
    row = computed.evaluations.filter(excluded=False).first()
    for url in [
        "/evaluations/",
        "/evaluations/new/",
        f"/evaluations/rounds/{computed.pk}/",
        f"/evaluations/rounds/{computed.pk}/watch/",
        f"/evaluations/rounds/{computed.pk}/progress/",
        f"/evaluations/rows/{row.pk}/",
        f"/evaluations/rows/{row.pk}/review/",
        f"/evaluations/rows/{row.pk}/meeting/",
        f"/evaluations/rows/{row.pk}/decide/",
        "/evaluations/rulebooks/qd366-2025/",
    ]:
        assert client.get(url).status_code == 200, url


def test_the_row_page_shows_rules_and_the_records(client, users, computed):
    client.force_login(users["committee"])
    row = computed.evaluations.get(member=users["member"].member)
    html = client.get(f"/evaluations/rows/{row.pk}/").content.decode()
    assert "QĐ 366-QĐ/TW Điều 11 khoản 1" in html
    assert 'data-rule="level-excellent" data-passed="0"' in html
    assert "/tasks/" in html


def test_the_member_sees_their_row_and_not_the_round(client, users, computed):
    client.force_login(users["member"])
    mine = computed.evaluations.get(member=users["member"].member)
    other = computed.evaluations.exclude(pk=mine.pk).first()
    assert client.get(f"/evaluations/rows/{mine.pk}/").status_code == 200
    assert client.get(f"/evaluations/rows/{other.pk}/").status_code == 404
    assert client.get(f"/evaluations/rounds/{computed.pk}/").status_code == 404
    response = client.post(
        f"/evaluations/rows/{mine.pk}/self/",
        {"self_form": "2B", "strengths": "Hoàn thành tốt", "general_score": "27", "level": "good"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.self_general_score == 27


def test_round_and_row_pages_have_a_constant_query_count(
    client, users, computed, make_member, make_task, compute
):
    client.force_login(users["committee"])
    row = computed.evaluations.filter(excluded=False).first()
    urls = [f"/evaluations/rounds/{computed.pk}/", f"/evaluations/rounds/{computed.pk}/watch/"]
    before = [_queries(client, u) for u in urls]
    row_before = _queries(client, f"/evaluations/rows/{row.pk}/")
    for i in range(6):
        member = make_member(name=f"Thêm {i}")
        make_task(member, dt.date(YEAR, 5, 1))
        make_task(row.member, dt.date(YEAR, 6, i + 1))
    compute(computed)
    assert [_queries(client, u) for u in urls] == before
    assert _queries(client, f"/evaluations/rows/{row.pk}/") == row_before


def test_mau_01_and_self_review_read_back(client, users, computed):
    row = computed.evaluations.get(member=users["member"].member)
    services.review(actor=None, evaluation=row, general_score=25)
    services.decide(actor=None, evaluation=row, final_level="good", reason="Hội nghị")
    client.force_login(users["committee"])
    report = client.get(f"/evaluations/rounds/{computed.pk}/mau-01.docx")
    text = "\n".join(p.text for p in Document(BytesIO(report.content)).paragraphs)
    assert "Mẫu 01" in text
    tables = Document(BytesIO(report.content)).tables
    cells = [c.text for t in tables for r in t.rows for c in r.cells]
    assert "Trần Thị Bình" in cells
    form = client.get(f"/evaluations/rows/{row.pk}/self.docx")
    doc = Document(BytesIO(form.content))
    figures = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "Nhiệm vụ đến hạn trong kỳ" in figures
    assert "2" in figures


def test_excel_lists_by_level(client, users, computed):
    row = computed.evaluations.get(member=users["member"].member)
    services.decide(actor=None, evaluation=row, final_level="completed")
    client.force_login(users["committee"])
    response = client.get(f"/evaluations/rounds/{computed.pk}/levels.xlsx")
    book = load_workbook(BytesIO(response.content))
    sheet = book["Hoàn thành nhiệm vụ"]
    assert sheet.cell(row=2, column=2).value == "Trần Thị Bình"
    assert book["Không đánh giá"].cell(row=2, column=2).value == "Miễn Sinh Hoạt"
