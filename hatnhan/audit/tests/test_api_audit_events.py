"""/api/v1/audit-events/: read-only history, restricted by the organization it concerns."""

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import api_client
from hatnhan.members.services import update_member


def test_history_of_one_object(users, make_member):
    member = make_member(name="Lê Văn Cường")
    update_member(actor=users["secretary"], member=member, post="Trưởng phòng")
    body = (
        api_client(users["inspector"])
        .get("/api/v1/audit-events/", {"object_type": "members.member", "object_id": member.pk})
        .json()
    )
    assert [row["action"] for row in body["results"]] == ["member.update", "member.create"]
    newest = body["results"][0]
    assert newest["actor"] == users["secretary"].pk
    assert newest["actor_name"] == "stc_secretary"
    assert newest["after"]["post"] == "Trưởng phòng"
    assert len(newest["hash"]) == 64
    # Where it was recorded (hashed) and where it is read now (moves carry it).
    assert newest["organization_path"] == newest["filed_path"] == member.organization.path


def test_other_organization_sees_none_of_it(users, tree, make_member):
    member = make_member(name="Lê Văn Cường")
    client = api_client(users["other"])
    body = client.get(
        "/api/v1/audit-events/", {"object_type": "members.member", "object_id": member.pk}
    ).json()
    assert body["count"] == 0
    event = AuditEvent.objects.filter(object_id=str(member.pk)).first()
    assert client.get(f"/api/v1/audit-events/{event.pk}/").status_code == 404
    # What the other secretary does see is its own organization's history only.
    seen = client.get("/api/v1/audit-events/", {"page_size": 500}).json()["results"]
    assert seen
    paths = set(
        AuditEvent.objects.filter(pk__in=[r["id"] for r in seen]).values_list(
            "organization_path", flat=True
        )
    )
    assert all(p.startswith(tree["syt"].path) for p in paths)


def test_read_only(users):
    client = api_client(users["admin"])
    event = AuditEvent.objects.first()
    assert client.post("/api/v1/audit-events/", {}, format="json").status_code == 405
    assert client.patch(f"/api/v1/audit-events/{event.pk}/", {}, format="json").status_code == 405
    assert client.delete(f"/api/v1/audit-events/{event.pk}/").status_code == 405
