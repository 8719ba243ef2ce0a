"""Exports from the list pages: what the user may see, through the same restriction as the
page, with a query count that does not grow with the rows."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hatnhan.members.models import MemberStatus, SeatRole
from hatnhan.members.services import create_seat

pytestmark = pytest.mark.django_db


def _rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))[1:]


@pytest.fixture
def people(tree, users, make_member):
    return {
        "stc": make_member(tree["stc_cell"], "Lê Văn Cường"),
        "stc2": make_member(tree["stc_cell"], "Hồ Thị Xuân", status=MemberStatus.SUSPENDED),
        "syt": make_member(tree["syt_cell"], "Phạm Thị Dung"),
    }


def _names(rows) -> set[str]:
    return {r[0] for r in rows}


def test_members_export_holds_only_what_the_user_may_see(client, users, people):
    url = reverse("exchange:export-members")
    client.force_login(users["secretary"])
    assert _names(_rows(client.get(url))) == {"Lê Văn Cường", "Hồ Thị Xuân", "Trần Thị Bình"}
    client.force_login(users["other"])
    assert _names(_rows(client.get(url))) == {"Phạm Thị Dung"}
    client.force_login(users["member"])
    assert _names(_rows(client.get(url))) == {"Trần Thị Bình"}
    client.force_login(users["admin"])
    assert len(_rows(client.get(url))) == 4


def test_members_export_follows_the_pages_filters(client, users, people, tree):
    client.force_login(users["staff"])
    url = reverse("exchange:export-members")
    assert _names(_rows(client.get(url, {"organization": tree["syt"].pk}))) == {"Phạm Thị Dung"}
    assert _names(_rows(client.get(url, {"q": "XUAN"}))) == {"Hồ Thị Xuân"}
    assert _names(_rows(client.get(url, {"status": "suspended"}))) == {"Hồ Thị Xuân"}


def test_asking_for_another_organization_exports_no_file(client, users, people, tree):
    """As for an id that does not exist: a page saying so, no file, nothing about STC."""
    client.force_login(users["other"])
    for org_id in (tree["stc"].pk, 987654):
        response = client.get(reverse("exchange:export-members"), {"organization": org_id})
        assert response.status_code == 400
        assert "Content-Disposition" not in response
        html = response.content.decode()
        assert f"Không tìm thấy mục có mã {org_id} trong phạm vi của đồng chí." in html
        assert "Lê Văn Cường" not in html


def test_organizations_export_is_restricted(client, users, tree):
    client.force_login(users["secretary"])
    rows = _rows(client.get(reverse("exchange:export-organizations")))
    assert {r[0] for r in rows} == {"STC", "STC-NS"}
    client.force_login(users["staff"])
    rows = _rows(client.get(reverse("exchange:export-organizations")))
    assert {r[0] for r in rows} == {"DUK", "STC", "STC-NS", "SYT", "SYT-VP"}


def test_seats_export_is_restricted(client, users, people, tree):
    create_seat(actor=None, organization=tree["stc"], member=people["stc"], role=SeatRole.SECRETARY)
    create_seat(actor=None, organization=tree["syt"], member=people["syt"], role=SeatRole.SECRETARY)
    client.force_login(users["secretary"])
    rows = _rows(client.get(reverse("exchange:export-seats")))
    assert [(r[1], r[3]) for r in rows] == [("STC", "Lê Văn Cường")]
    client.force_login(users["member"])
    assert _rows(client.get(reverse("exchange:export-seats"))) == []


def test_exports_need_a_login(client):
    for name in ("export-members", "export-organizations", "export-seats", "template"):
        response = client.get(reverse(f"exchange:{name}"))
        assert response.status_code == 302


def test_template_download(client, users):
    client.force_login(users["committee"])
    response = client.get(reverse("exchange:template"))
    data = b"".join(response.streaming_content)
    assert load_workbook(io.BytesIO(data)).sheetnames == ["Danh sách đảng viên", "Hướng dẫn"]


def test_export_query_count_does_not_grow_with_rows(
    client, users, tree, make_member, django_assert_max_num_queries
):
    client.force_login(users["staff"])
    url = reverse("exchange:export-members")
    for i in range(3):
        make_member(tree["stc_cell"], f"Người Số {i}")
    with django_assert_max_num_queries(6):
        b"".join(client.get(url).streaming_content)
    for i in range(60):
        make_member(tree["syt_cell"], f"Người Khác {i}")
    with django_assert_max_num_queries(6):
        rows = _rows(client.get(url))
    assert len(rows) == 64
