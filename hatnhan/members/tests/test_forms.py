import datetime as dt

import pytest
from django.urls import reverse

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import writes_nothing
from hatnhan.members.models import CommitteeSeat, Member, MemberTransfer, SeatRole
from hatnhan.members.services import create_seat

pytestmark = pytest.mark.django_db


def _profile(**overrides):
    data = {
        "full_name": "Nguyễn Quang Tùng",
        "date_of_birth": "1980-04-02",
        "gender": "male",
        "party_card_number": "93.012345",
        "probationary_date": "2005-05-19",
        "full_membership_date": "2006-05-19",
        "post": "Chuyên viên",
        "status": "active",
        "email": "",
        "phone": "",
    }
    data.update(overrides)
    return data


def test_create_member_through_the_service(client, tree, users):
    client.force_login(users["secretary"])
    url = reverse("members:create")
    page = client.get(url, {"organization": tree["stc_cell"].pk})
    assert page.context["form"].initial["organization"] == tree["stc_cell"].pk
    response = client.post(url, _profile(organization=tree["stc_cell"].pk))
    member = Member.objects.get(party_card_number="93.012345")
    assert response.status_code == 302
    assert member.organization == tree["stc_cell"] and member.sort_key
    event = AuditEvent.objects.get(action="member.create", object_id=str(member.pk))
    assert event.actor == users["secretary"] and event.after["post"] == "Chuyên viên"


def test_create_shows_vietnamese_errors_naming_the_field(client, tree, users, make_member):
    make_member(tree["stc_cell"], "Lê Văn Cường", party_card_number="93.000001")
    client.force_login(users["secretary"])
    response = client.post(
        reverse("members:create"),
        _profile(organization=tree["stc_cell"].pk, full_name="", date_of_birth="32/13/1980"),
    )
    errors = response.context["form"].errors
    assert errors["full_name"] == ["Chưa nhập “Họ và tên”."]
    assert errors["date_of_birth"] == ["“Ngày sinh” không phải ngày hợp lệ (dd/mm/yyyy)."]
    # Rules the service checks come back on their field too.
    response = client.post(
        reverse("members:create"),
        _profile(
            organization=tree["stc_cell"].pk,
            date_of_birth="1995-01-01",
            probationary_date="2010-01-01",
            full_membership_date="",
        ),
    )
    assert response.context["form"].errors["probationary_date"] == [
        "Đảng viên phải đủ 18 tuổi khi vào Đảng."
    ]
    response = client.post(
        reverse("members:create"),
        _profile(organization=tree["stc_cell"].pk, party_card_number="93.000001"),
    )
    assert response.context["form"].errors["party_card_number"] == [
        "Số thẻ đảng viên này đã có trong hệ thống."
    ]
    assert "Số thẻ đảng viên này đã có trong hệ thống." in response.content.decode()
    assert not Member.objects.filter(full_name="Nguyễn Quang Tùng").exists()


def test_create_in_an_organization_outside_reach_is_refused(client, tree, users):
    client.force_login(users["secretary"])
    response = client.post(reverse("members:create"), _profile(organization=tree["syt"].pk))
    assert "organization" in response.context["form"].errors
    assert not Member.objects.filter(full_name="Nguyễn Quang Tùng").exists()
    assert (
        client.get(reverse("members:create"), {"organization": tree["syt"].pk}).status_code == 404
    )


def test_edit_changes_only_what_changed_and_audits_it(client, tree, users, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường", post="Chuyên viên")
    client.force_login(users["committee"])
    url = reverse("members:edit", kwargs={"member_id": member.pk})
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data["post"] = "Trưởng phòng"
    response = client.post(url, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.post == "Trưởng phòng"
    event = AuditEvent.objects.get(action="member.update", object_id=str(member.pk))
    assert event.before["post"] == "Chuyên viên"
    assert event.after["post"] == "Trưởng phòng"
    assert event.actor == users["committee"]


@pytest.mark.parametrize("name", ["edit", "transfer"])
def test_inspector_and_member_may_not_edit(client, tree, users, name):
    member = users["member"].member
    url = reverse(f"members:{name}", kwargs={"member_id": member.pk})
    for role in ("inspector", "member"):
        client.force_login(users[role])
        assert client.get(url).status_code == 403
        with writes_nothing():
            assert client.post(url, _profile()).status_code == 403


def test_transfer_within_reach(client, tree, users, make_member):
    member = make_member(tree["stc"], "Lê Văn Cường")
    client.force_login(users["secretary"])
    url = reverse("members:transfer", kwargs={"member_id": member.pk})
    form = client.get(url).context["form"]
    assert list(form.fields["to_organization"].queryset) == [tree["stc_cell"]]
    bad = client.post(url, {"to_organization": tree["syt_cell"].pk, "date": "2025-01-01"})
    assert bad.context["form"].errors["to_organization"]
    ok = client.post(
        url, {"to_organization": tree["stc_cell"].pk, "date": "01/02/2025", "note": "Điều động"}
    )
    assert ok.status_code == 302
    transfer = MemberTransfer.objects.get(member=member)
    assert transfer.date == dt.date(2025, 2, 1) and transfer.to_organization == tree["stc_cell"]
    assert AuditEvent.objects.filter(action="member.transfer").exists()


def test_seat_create_and_edit(client, tree, users, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    outsider = make_member(tree["syt_cell"], "Vũ Văn Khánh")
    client.force_login(users["secretary"])
    url = reverse("members:seat-create", kwargs={"organization_id": tree["stc"].pk})
    page = client.get(url, {"member": member.pk})
    assert page.context["form"]["member"].value() == member.pk
    assert outsider not in page.context["form"].fields["member"].queryset
    response = client.post(
        url,
        {
            "member": member.pk,
            "role": SeatRole.SECRETARY,
            "start_date": "2025-06-01",
            "is_agency_head": "on",
        },
    )
    assert response.status_code == 302
    seat = CommitteeSeat.objects.get(member=member)
    assert seat.is_agency_head and seat.organization == tree["stc"]
    edit = reverse("members:seat-edit", kwargs={"seat_id": seat.pk})
    bad = client.post(
        edit, {"role": SeatRole.SECRETARY, "start_date": "2025-06-01", "end_date": "2025-01-01"}
    )
    assert bad.context["form"].errors["end_date"] == ["“Đến ngày” phải sau “Từ ngày”."]
    ok = client.post(
        edit, {"role": SeatRole.SECRETARY, "start_date": "2025-06-01", "end_date": "2025-12-31"}
    )
    assert ok.status_code == 302
    seat.refresh_from_db()
    assert seat.end_date == dt.date(2025, 12, 31)
    event = AuditEvent.objects.get(action="seat.update")
    assert event.before["end_date"] is None and event.after["end_date"] == "2025-12-31"


def test_second_sitting_secretary_is_refused_in_vietnamese(client, tree, users, make_member):
    first = make_member(tree["stc_cell"], "Lê Văn Cường")
    second = make_member(tree["stc_cell"], "Phạm Văn Dũng")
    create_seat(actor=None, organization=tree["stc"], member=first, role=SeatRole.SECRETARY)
    client.force_login(users["secretary"])
    url = reverse("members:seat-create", kwargs={"organization_id": tree["stc"].pk})
    response = client.post(url, {"member": second.pk, "role": SeatRole.SECRETARY})
    assert response.status_code == 200
    assert "Tổ chức này đã có bí thư đương nhiệm." in response.content.decode()
    assert CommitteeSeat.objects.filter(organization=tree["stc"]).count() == 1


@pytest.mark.parametrize("role", ["inspector", "member"])
def test_roles_without_change_cannot_open_the_create_form(client, tree, users, role):
    client.force_login(users[role])
    assert client.get(reverse("members:create")).status_code == 403
    assert "Thêm đảng viên" not in client.get(reverse("members:list")).content.decode()
