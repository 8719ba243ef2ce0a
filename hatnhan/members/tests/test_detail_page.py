import datetime as dt

import pytest
from django.urls import reverse

from hatnhan.members.models import SeatRole
from hatnhan.members.services import create_seat, transfer_member, update_member
from hatnhan.organizations.services import create_term

pytestmark = pytest.mark.django_db


def _url(member):
    return reverse("members:detail", kwargs={"member_id": member.pk})


def test_member_page_shows_profile_seats_transfers_and_readable_history(
    client, tree, users, make_member
):
    member = make_member(tree["stc"], "Nguyễn Quang Tùng", post="Phó Giám đốc")
    term = create_term(
        actor=None, organization=tree["stc"], name="2020–2025", start_date=dt.date(2020, 6, 1)
    )
    create_seat(
        actor=None,
        organization=tree["stc"],
        member=member,
        role=SeatRole.DEPUTY_SECRETARY,
        term=term,
        start_date=dt.date(2020, 6, 1),
    )
    transfer_member(
        actor=users["secretary"],
        member=member,
        to_organization=tree["stc_cell"],
        date=dt.date(2024, 3, 1),
        note="Điều động",
    )
    update_member(actor=users["secretary"], member=member, post="Giám đốc", status="exempt")
    client.force_login(users["secretary"])
    response = client.get(_url(member))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguyễn Quang Tùng" in html and "Giám đốc" in html
    assert "Phó Bí thư" in html and "2020–2025" in html
    assert "01/03/2024" in html and "Đảng bộ Sở Tài chính → Chi bộ Phòng Ngân sách" in html
    # History: who, what, before → after, with labels and choice names, not raw values.
    assert "Sửa thông tin đảng viên" in html and "stc_secretary" in html
    assert "Chức vụ chính quyền" in html
    assert "<del>Phó Giám đốc</del>" in html and "<ins>Giám đốc</ins>" in html
    assert "<del>Đang sinh hoạt</del>" in html and "<ins>Miễn sinh hoạt</ins>" in html
    assert "<del>Đảng bộ Sở Tài chính</del>" in html  # the organization by name, not id
    assert "Chuyển sinh hoạt" in html and "Thêm chức danh cấp ủy" in html


@pytest.mark.parametrize("role", ["admin", "staff", "secretary", "committee", "inspector"])
def test_roles_in_reach_see_the_member(client, tree, users, make_member, role):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    client.force_login(users[role])
    assert client.get(_url(member)).status_code == 200


def test_member_sees_own_page_but_not_others(client, tree, users, make_member):
    other = make_member(tree["stc_cell"], "Lê Văn Cường")
    client.force_login(users["member"])
    own = client.get(_url(users["member"].member))
    assert own.status_code == 200 and not own.context["can_change"]
    assert client.get(_url(other)).status_code == 404


def test_other_organization_gets_404(client, tree, users, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    client.force_login(users["other"])
    assert client.get(_url(member)).status_code == 404


def test_member_page_queries_do_not_grow_with_seats_and_changes(
    client, tree, users, make_member, django_assert_max_num_queries
):
    member = make_member(tree["stc"], "Nguyễn Quang Tùng")
    client.force_login(users["secretary"])

    def count():
        with django_assert_max_num_queries(20) as captured:
            assert client.get(_url(member)).status_code == 200
        return len(captured)

    create_seat(actor=None, organization=tree["stc"], member=member, role=SeatRole.COMMITTEE)
    few = count()
    for i in range(10):
        create_seat(
            actor=None,
            organization=tree["stc"],
            member=member,
            role=SeatRole.COMMITTEE,
            start_date=dt.date(2010 + i, 1, 1),
            end_date=dt.date(2011 + i, 1, 1),
        )
        update_member(actor=users["secretary"], member=member, post=f"Chức vụ {i}")
    assert count() == few
