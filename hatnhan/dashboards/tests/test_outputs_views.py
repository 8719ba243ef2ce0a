"""The scorecards' files and printable page, fetched as a user: the figures are the page's
(hand-computed: STC's cell has 2 tasks due in March 2026, 1 submitted on time, the other
open and overdue), another organization's ids answer 404, and the queries do not grow with
the record."""

import datetime as dt
import re
from io import BytesIO

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from hatnhan.dashboards.figures import DEFINITIONS
from hatnhan.tasks.models import TaskStatus

from .conftest import AS_OF

NB = "\u00a0"
PERIOD = {"period": "year", "year": str(AS_OF.year)}
LABEL = {d.key: str(d.label) for d in DEFINITIONS}
ON_TIME, OVERDUE = LABEL["tasks_on_time_rate"], LABEL["tasks_overdue"]


@pytest.fixture
def data(tree, make_task, refreshed):
    make_task(
        tree["stc_cell"],
        dt.date(2026, 3, 31),
        submitted=dt.date(2026, 3, 30),
        accepted=dt.date(2026, 4, 1),
    )
    make_task(tree["stc_cell"], dt.date(2026, 3, 31), status=TaskStatus.IN_PROGRESS)
    refreshed()


def _figures(content: bytes) -> dict[str, object]:
    sheet = load_workbook(BytesIO(content))["Bảng điểm"]
    return {row[1]: row[2] for row in sheet.iter_rows(min_row=7, values_only=True)}


def test_organization_excel_has_the_pages_figures(client, users, data, tree):
    client.force_login(users["staff"])
    url = reverse("dashboards:organization-xlsx", args=[tree["stc"].pk])
    response = client.get(url, PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "bang-diem-organization" in response["Content-Disposition"]
    values = _figures(response.content)
    assert values[ON_TIME] == 50  # 1 of 2
    assert values[OVERDUE] == 1


def test_organization_word_has_the_pages_figures(client, users, data, tree):
    client.force_login(users["secretary"])
    url = reverse("dashboards:organization-docx", args=[tree["stc"].pk])
    document = docx.Document(BytesIO(client.get(url, PERIOD).content))
    rows = {
        r.cells[0].text: r.cells[1].text for t in document.tables[1:] for r in t.rows if r.cells
    }
    assert rows[ON_TIME] == f"50{NB}%"
    assert rows[OVERDUE] == "1"
    header = document.tables[0].rows[0].cells[0].text
    assert tree["stc"].name.upper() in header and tree["bloc"].name.upper() in header


def test_member_files_are_the_members_own(client, users, data):
    member = users["member"]
    client.force_login(member)
    for name in ("dashboards:member-xlsx", "dashboards:member-docx"):
        response = client.get(reverse(name, args=[member.member_id]), PERIOD)
        assert response.status_code == 200
    values = _figures(
        client.get(reverse("dashboards:member-xlsx", args=[member.member_id]), PERIOD).content
    )
    assert values  # the member's own section, figure by figure


def test_print_page_draws_the_charts(client, users, data, tree):
    client.force_login(users["staff"])
    url = reverse("dashboards:organization-print", args=[tree["stc"].pk])
    html = client.get(url, PERIOD).content.decode()
    assert 'role="img"' in html and 'class="chart-data"' in html
    assert "@page" not in html  # the page size lives in print.css, not inline (CSP)
    assert "dashboards/print.css" in html
    assert f"50{NB}%" in html


@pytest.mark.parametrize(
    "name",
    ["organization-print", "organization-xlsx", "organization-docx"],
)
def test_another_organization_answers_404(client, users, data, tree, name):
    client.force_login(users["other"])
    assert client.get(reverse(f"dashboards:{name}", args=[tree["stc"].pk])).status_code == 404


def test_another_organizations_member_answers_404(client, users, data):
    client.force_login(users["other"])
    for name in ("member-xlsx", "member-docx", "head-xlsx", "head-docx"):
        url = reverse(f"dashboards:{name}", args=[users["member"].member_id])
        assert client.get(url).status_code == 404


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, PERIOD).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_record(client, users, data, tree, make_task, refreshed):
    client.force_login(users["staff"])
    urls = [
        reverse(f"dashboards:organization-{kind}", args=[tree["stc"].pk])
        for kind in ("print", "xlsx", "docx")
    ]
    before = [_queries(client, u) for u in urls]
    for month in range(1, 13):
        make_task(tree["stc_cell"], dt.date(2026, month, 20), submitted=dt.date(2026, month, 1))
        make_task(tree["syt_cell"], dt.date(2026, month, 20), status=TaskStatus.IN_PROGRESS)
    refreshed()
    assert [_queries(client, u) for u in urls] == before


def test_files_stay_in_vietnamese_when_the_interface_is_in_english(client, users, data, tree):
    client.force_login(users["staff"])
    client.cookies["django_language"] = "en"
    url = reverse("dashboards:organization-xlsx", args=[tree["stc"].pk])
    values = _figures(client.get(url, PERIOD, HTTP_ACCEPT_LANGUAGE="en").content)
    assert ON_TIME in values  # the Vietnamese label


def test_every_element_id_is_unique_on_the_pages_with_charts(client, users, data, tree):
    client.force_login(users["staff"])
    pages = [
        reverse("dashboards:organization", args=[tree["stc"].pk]),
        reverse("dashboards:organization-print", args=[tree["stc"].pk]),
        reverse("dashboards:bloc"),
    ]
    for url in pages:
        html = client.get(url, PERIOD).content.decode()
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), (url, [i for i in ids if ids.count(i) > 1])
        assert 'role="img"' in html


def test_the_heads_files_carry_both_seats_and_the_briefings(client, users, stc_record):
    """conftest's stc_record: the unified head of STC, 1 of 5 briefings on time (20 %)."""
    head = stc_record["head"]
    client.force_login(users["staff"])
    url = reverse("dashboards:head-xlsx", args=[head.pk])
    sheet = load_workbook(BytesIO(client.get(url, PERIOD).content))["Bảng điểm"]
    assert sheet["A1"].value == "Nguyễn Thủ Trưởng"
    assert sheet["A2"].value == "Bí thư Đảng bộ Sở Tài chính — Thủ trưởng Sở Tài chính"
    values = {row[1]: row[2] for row in sheet.iter_rows(min_row=7, values_only=True)}
    assert values[LABEL["briefings_on_time_rate"]] == 20
    url = reverse("dashboards:head-docx", args=[head.pk])
    document = docx.Document(BytesIO(client.get(url, PERIOD).content))
    assert "ĐẢNG BỘ SỞ TÀI CHÍNH" in document.tables[0].rows[0].cells[0].text
