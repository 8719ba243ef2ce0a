"""The briefing API: duties, filing, requests, acknowledgment, conclusions to tasks, the
head's record; restricted (404 outside reach), errors as JSON naming the field."""

import datetime as dt

import pytest

from hatnhan.briefings.models import Briefing
from hatnhan.briefings.tests.conftest import CONTENT
from hatnhan.core.testing import api_client, writes_nothing
from hatnhan.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_duty_created_and_listed(users, tree, head):
    client = api_client(users["secretary"])
    response = client.post(
        "/api/v1/briefing-duties/",
        {"organization": tree["stc"].pk, "head": head.pk, "starts_on": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["frequency"] == "semiannual"
    assert client.get("/api/v1/briefing-duties/?frequency=semiannual").json()["count"] == 1
    assert (
        api_client(users["other"])
        .get(f"/api/v1/briefing-duties/{response.json()['id']}/")
        .status_code
        == 404
    )


def test_file_acknowledge_convert(users, head_user, duty, today):
    filed = api_client(head_user).post(
        "/api/v1/briefings/",
        {"duty": duty.pk, "period_start": "2026-01-01", **CONTENT},
        format="json",
    )
    assert filed.status_code == 201, filed.json()
    briefing_id = filed.json()["id"]
    assert filed.json()["status"] == "submitted" and filed.json()["on_behalf"] is False
    secretary = api_client(users["secretary"])
    acknowledged = secretary.post(
        f"/api/v1/briefings/{briefing_id}/acknowledge/",
        {"conclusions": ["Đẩy nhanh giải ngân"], "acknowledgment_note": "Thống nhất"},
        format="json",
    )
    assert acknowledged.status_code == 200, acknowledged.json()
    conclusion_id = acknowledged.json()["conclusions"][0]["id"]
    made = secretary.post(
        f"/api/v1/briefing-conclusions/{conclusion_id}/task/",
        {
            "owner": users["member"].member_id,
            "due_date": str(today + dt.timedelta(days=10)),
            "expected_result": "Giải ngân 95%",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    task = Task.objects.get(pk=made.json()["task"])
    assert (
        task.source_kind == "briefing"
        and made.json()["source_ref"] == f"briefings.briefing:{briefing_id}"
    )
    again = secretary.post(
        f"/api/v1/briefing-conclusions/{conclusion_id}/task/",
        {
            "owner": users["member"].member_id,
            "due_date": str(today + dt.timedelta(days=10)),
            "expected_result": "Giải ngân 95%",
        },
        format="json",
    )
    assert again.status_code == 400 and "conclusion" in again.json()


def test_request_submit_record(users, head_user, duty, today):
    asked = api_client(users["secretary"]).post(
        f"/api/v1/briefing-duties/{duty.pk}/request/",
        {"request_note": "Tình hình thu ngân sách", "due_date": str(today)},
        format="json",
    )
    assert asked.status_code == 201, asked.json()
    submitted = api_client(head_user).post(
        f"/api/v1/briefings/{asked.json()['id']}/submit/", CONTENT, format="json"
    )
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    record = (
        api_client(head_user)
        .get(f"/api/v1/briefing-duties/{duty.pk}/record/?year={today.year}")
        .json()
    )
    assert set(record) == {"year", "due", "on_time", "late", "missing"} and record["on_time"] >= 1


def test_bad_input_named_nothing_written(head_user, duty, users):
    with writes_nothing():
        response = api_client(head_user).post(
            "/api/v1/briefings/",
            {"duty": duty.pk, "period_start": "2026-02-01", "results": "X"},
            format="json",
        )
    assert response.status_code == 400 and "period_start" in response.json()
    with writes_nothing():
        response = api_client(users["other"]).post(
            "/api/v1/briefings/",
            {"duty": duty.pk, "period_start": "2026-01-01", "results": "X"},
            format="json",
        )
    assert response.status_code == 400 and "duty" in response.json()


def test_filters(users, filed):
    client = api_client(users["secretary"])
    assert client.get("/api/v1/briefings/?late=true").json()["count"] == 0
    assert client.get("/api/v1/briefings/?late=false&year=2026").json()["count"] == 1
    assert client.get("/api/v1/briefings/?status=bogus").status_code == 400
    assert Briefing.objects.count() == 1
