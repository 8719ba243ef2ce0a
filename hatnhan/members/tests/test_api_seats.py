"""/api/v1/seats/: committee seats, created through the service and restricted like the rest."""

import datetime as dt

import pytest

from hatnhan.core.testing import api_client, writes_nothing
from hatnhan.members.models import CommitteeSeat
from hatnhan.members.services import create_seat
from hatnhan.organizations.services import create_term


@pytest.fixture
def term(tree):
    return create_term(
        actor=None, organization=tree["stc"], name="2025-2030", start_date=dt.date(2025, 10, 1)
    )


def test_create_and_read(users, tree, make_member, term):
    member = make_member(tree["stc"], "Lê Văn Cường")
    client = api_client(users["secretary"])
    response = client.post(
        "/api/v1/seats/",
        {
            "organization": tree["stc"].pk,
            "member": member.pk,
            "role": "secretary",
            "term": term.pk,
            "is_agency_head": True,
            "start_date": "2025-10-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    seat = CommitteeSeat.objects.get(pk=response.json()["id"])
    assert response.json() == {
        "id": seat.pk,
        "organization": tree["stc"].pk,
        "member": member.pk,
        "role": "secretary",
        "term": term.pk,
        "is_agency_head": True,
        "start_date": "2025-10-01",
        "end_date": None,
        "is_current": True,
    }
    listed = client.get("/api/v1/seats/", {"organization": tree["stc"].pk}).json()
    assert [row["id"] for row in listed["results"]] == [seat.pk]


def test_second_sitting_secretary_is_400(users, tree, make_member, term):
    create_seat(
        actor=None,
        organization=tree["stc"],
        member=make_member(tree["stc"], "Lê Văn A"),
        role="secretary",
    )
    second = make_member(tree["stc"], "Lê Văn B")
    response = api_client(users["secretary"]).post(
        "/api/v1/seats/",
        {
            "organization": tree["stc"].pk,
            "member": second.pk,
            "role": "secretary",
        },
        format="json",
    )
    assert response.status_code == 400
    assert not second.seats.exists()
    # A rule of no one field: DRF's usual key, not Django's "__all__".
    assert response.json() == {"non_field_errors": ["Tổ chức này đã có bí thư đương nhiệm."]}


def test_member_outside_the_organization_is_400(users, tree, make_member):
    syt_member = make_member(tree["syt_cell"], "Hoàng Văn Em")
    with writes_nothing():
        response = api_client(users["staff"]).post(
            "/api/v1/seats/",
            {"organization": tree["stc"].pk, "member": syt_member.pk, "role": "committee"},
            format="json",
        )
    assert response.status_code == 400
    assert response.json() == {
        "member": ["Đảng viên này không thuộc tổ chức (hoặc cấp dưới) của cấp ủy."]
    }


def test_other_organization_sees_nothing(users, tree, make_member):
    seat = create_seat(
        actor=None,
        organization=tree["stc"],
        member=make_member(tree["stc"], "Lê Văn A"),
        role="committee",
    )
    client = api_client(users["other"])
    assert client.get(f"/api/v1/seats/{seat.pk}/").status_code == 404
    assert client.get("/api/v1/seats/").json()["count"] == 0
    assert client.get("/api/v1/seats/", {"organization": tree["stc"].pk}).status_code == 404


def test_inspector_may_not_create(users, tree, make_member):
    member = make_member(tree["stc"], "Lê Văn A")
    response = api_client(users["inspector"]).post(
        "/api/v1/seats/",
        {"organization": tree["stc"].pk, "member": member.pk, "role": "committee"},
        format="json",
    )
    assert response.status_code == 403
    assert not CommitteeSeat.objects.exists()


def test_current_filter_and_ending_a_seat(users, tree, make_member):
    seat = create_seat(
        actor=None,
        organization=tree["stc"],
        member=make_member(tree["stc"], "Lê Văn A"),
        role="committee",
        start_date=dt.date(2020, 1, 1),
    )
    client = api_client(users["secretary"])
    ended = client.patch(f"/api/v1/seats/{seat.pk}/", {"end_date": "2025-09-30"}, format="json")
    assert ended.status_code == 200 and ended.json()["is_current"] is False
    assert client.get("/api/v1/seats/", {"current": "true"}).json()["count"] == 0
    assert client.get("/api/v1/seats/").json()["count"] == 1


def test_member_role_sees_own_seats(users, tree, make_member):
    own = users["member"].member
    mine = create_seat(actor=None, organization=tree["stc_cell"], member=own, role="committee")
    create_seat(
        actor=None,
        organization=tree["stc_cell"],
        member=make_member(tree["stc_cell"], "Lê Văn A"),
        role="secretary",
    )
    body = api_client(users["member"]).get("/api/v1/seats/").json()
    assert [row["id"] for row in body["results"]] == [mine.pk]
