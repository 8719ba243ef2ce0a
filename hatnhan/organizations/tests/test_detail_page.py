import datetime as dt

import pytest
from django.urls import reverse

from hatnhan.members.models import SeatRole
from hatnhan.members.services import create_seat
from hatnhan.organizations.services import create_term, update_organization

pytestmark = pytest.mark.django_db


def _url(org):
    return reverse("organizations:detail", kwargs={"organization_id": org.pk})


def test_detail_shows_agency_committee_children_members_and_history(
    client, tree, users, make_member
):
    secretary = make_member(tree["stc"], "Nguyễn Quang Tùng")
    term = create_term(
        actor=None, organization=tree["stc"], name="2020–2025", start_date=dt.date(2020, 6, 1)
    )
    create_seat(
        actor=None,
        organization=tree["stc"],
        member=secretary,
        role=SeatRole.SECRETARY,
        term=term,
        is_agency_head=True,
    )
    update_organization(
        actor=users["admin"], organization=tree["stc"], agency_name="Sở Tài chính tỉnh Nghệ An"
    )
    client.force_login(users["secretary"])
    response = client.get(_url(tree["stc"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sở Tài chính tỉnh Nghệ An" in html
    assert "Bí thư" in html and "Nguyễn Quang Tùng" in html and "Thủ trưởng cơ quan" in html
    assert "Chi bộ Phòng Ngân sách" in html  # sub-organization
    assert "Trần Thị Bình" in html  # a member of the cell, in the subtree list
    assert "2020–2025" in html
    # History: the edit, with before and after.
    assert "Sửa tổ chức" in html and "Sở Tài chính tỉnh Nghệ An" in html
    assert "<del>Sở Tài chính</del>" in html
    assert "Thêm chức danh cấp ủy" in html  # the committee's changes are in the timeline
    # The secretary may change: edit links are shown.
    assert reverse("organizations:edit", kwargs={"organization_id": tree["stc"].pk}) in html


@pytest.mark.parametrize("role", ["admin", "staff", "secretary", "committee", "inspector"])
def test_roles_in_reach_see_the_page(client, tree, users, role):
    client.force_login(users[role])
    assert client.get(_url(tree["stc_cell"])).status_code == 200


@pytest.mark.parametrize("role", ["member", "other"])
def test_roles_out_of_reach_get_404(client, tree, users, role):
    client.force_login(users[role])
    assert client.get(_url(tree["stc"])).status_code == 404


def test_inspector_sees_no_edit_links(client, tree, users):
    client.force_login(users["inspector"])
    html = client.get(_url(tree["stc"])).content.decode()
    assert reverse("organizations:edit", kwargs={"organization_id": tree["stc"].pk}) not in html


def test_breadcrumb_shows_only_ancestors_in_reach(client, tree, users):
    client.force_login(users["secretary"])
    response = client.get(_url(tree["stc_cell"]))
    assert [a.code for a in response.context["ancestors"]] == ["STC"]


def test_detail_queries_do_not_grow_with_members(
    client, tree, users, make_member, django_assert_max_num_queries
):
    client.force_login(users["secretary"])

    def grow(n):
        for i in range(n):
            m = make_member(tree["stc_cell"], f"Lê Văn {n}-{i}")
            if i % 5 == 0:
                create_seat(actor=None, organization=tree["stc"], member=m, role=SeatRole.COMMITTEE)

    def count():
        with django_assert_max_num_queries(25) as captured:
            assert client.get(_url(tree["stc"])).status_code == 200
        return len(captured)

    grow(5)
    few = count()
    grow(45)
    assert count() == few
