"""The meetings API: quality as {score, level, checks: [{code, passed, facts}]}, check-in's
refusals as 400 keyed by `code`, the resolution into the task loop, restriction by 404."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from hatnhan.meetings import services
from hatnhan.tasks.models import Task

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_quality_shape(users, held):
    body = _client(users["secretary"]).get(f"/api/v1/meetings/{held.pk}/quality/").json()
    assert set(body) == {"score", "level", "checks"}
    assert body["level"] in {"good", "fair", "average", "poor"}
    assert all(set(c) == {"code", "passed", "facts"} for c in body["checks"])


def test_check_in_refusal_is_400_by_code(users, invited):
    answer = _client(users["member"]).post(
        f"/api/v1/meetings/{invited.pk}/check-in/", {"code": "giả"}, format="json"
    )
    assert answer.status_code == 400
    assert "code" in answer.json()


def test_check_in(users, cell, members):
    start = timezone.now() - dt.timedelta(minutes=3)
    meeting = services.schedule_meeting(
        actor=users["secretary"], organization=cell, planned_start=start, place="A"
    )
    services.send_invitation(actor=users["secretary"], meeting=meeting)
    code = (
        _client(users["secretary"])
        .get(f"/api/v1/meetings/{meeting.pk}/check-in-code/")
        .json()["code"]
    )
    answer = _client(users["member"]).post(
        f"/api/v1/meetings/{meeting.pk}/check-in/", {"code": code}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == "present"


def test_a_member_cannot_read_the_code(users, invited):
    """The code is the chair's to show: a member asking for it is refused."""
    assert (
        _client(users["member"]).get(f"/api/v1/meetings/{invited.pk}/check-in-code/").status_code
        == 403
    )


def test_resolution_with_tasks(users, held, members):
    payload = {
        "text": "Nghị quyết",
        "focus_issues": [
            {
                "title": "Cải cách",
                "tasks": [
                    {
                        "title": "Rà soát",
                        "expected_result": "Báo cáo",
                        "owner": members[1].pk,
                        "due_date": str(timezone.localdate() + dt.timedelta(days=10)),
                    }
                ],
            }
        ],
    }
    answer = _client(users["secretary"]).post(
        f"/api/v1/meetings/{held.pk}/resolution/", payload, format="json"
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["tasks"] == list(
        Task.objects.filter(source_ref=held.ref).values_list("pk", flat=True)
    )


def test_schedule_refusal_names_the_field(users, cell):
    answer = _client(users["secretary"]).post(
        "/api/v1/meetings/",
        {
            "organization": cell.pk,
            "kind": "thematic",
            "topic": "Chuyên đề",
            "month": 3,
            "place": "A",
            "planned_start": "2027-03-02T14:00:00+07:00",
        },
        format="json",
    )
    assert answer.status_code == 400 and "month" in answer.json()


def test_other_organization_gets_404(users, held):
    assert _client(users["other"]).get(f"/api/v1/meetings/{held.pk}/").status_code == 404


def test_a_member_lists_the_meetings_they_are_invited_to(users, invited, held):
    ids = {m["id"] for m in _client(users["member"]).get("/api/v1/meetings/").json()["results"]}
    assert ids == {invited.pk, held.pk}
