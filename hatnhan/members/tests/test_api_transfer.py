"""POST /api/v1/members/{id}/transfer/: moving a member, with the history kept."""

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import api_client, writes_nothing
from hatnhan.members.models import MemberTransfer
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization


def test_transfer_within_reach(users, tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    response = api_client(users["secretary"]).post(
        f"/api/v1/members/{member.pk}/transfer/",
        {"to_organization": tree["stc"].pk, "date": "2026-03-05", "note": "Điều động"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json() | {"id": None} == {
        "id": None,
        "member": member.pk,
        "from_organization": tree["stc_cell"].pk,
        "to_organization": tree["stc"].pk,
        "date": "2026-03-05",
        "note": "Điều động",
    }
    member.refresh_from_db()
    assert member.organization == tree["stc"]
    assert MemberTransfer.objects.filter(member=member).count() == 1
    assert AuditEvent.objects.filter(action="member.transfer").count() == 1


def test_other_organization_gets_404_before_input_is_read(users, tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    response = api_client(users["other"]).post(
        f"/api/v1/members/{member.pk}/transfer/", {}, format="json"
    )
    assert response.status_code == 404
    suffixed = api_client(users["other"]).post(
        f"/api/v1/members/{member.pk}/transfer.json", {}, format="json"
    )
    assert suffixed.status_code == 404


def test_destination_outside_reach_reads_as_missing(users, tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    with writes_nothing():
        response = api_client(users["secretary"]).post(
            f"/api/v1/members/{member.pk}/transfer/",
            {"to_organization": tree["syt_cell"].pk},
            format="json",
        )
    assert response.status_code == 400
    assert "trong phạm vi của đồng chí" in response.json()["to_organization"][0]
    member.refresh_from_db()
    assert member.organization == tree["stc_cell"]


def test_inspector_may_not_transfer(users, tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    with writes_nothing():
        response = api_client(users["inspector"]).post(
            f"/api/v1/members/{member.pk}/transfer/",
            {"to_organization": tree["stc"].pk},
            format="json",
        )
    assert response.status_code == 403
    assert not MemberTransfer.objects.exists()


def test_same_organization_is_400(users, tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    with writes_nothing():
        response = api_client(users["secretary"]).post(
            f"/api/v1/members/{member.pk}/transfer/",
            {"to_organization": tree["stc_cell"].pk},
            format="json",
        )
    assert response.status_code == 400
    assert response.json() == {"to_organization": ["Đảng viên đã sinh hoạt ở tổ chức này."]}


def test_bloc_staff_moves_between_grassroots_organizations(users, tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    target = create_organization(
        actor=None,
        code="SYT-KH",
        name="Chi bộ Kế hoạch",
        kind=OrganizationKind.CELL,
        parent=tree["syt"],
    )
    response = api_client(users["staff"]).post(
        f"/api/v1/members/{member.pk}/transfer/", {"to_organization": target.pk}, format="json"
    )
    assert response.status_code == 201
    # The STC secretary no longer reaches the member; the SYT one now does.
    assert api_client(users["secretary"]).get(f"/api/v1/members/{member.pk}/").status_code == 404
    assert api_client(users["other"]).get(f"/api/v1/members/{member.pk}/").status_code == 200
