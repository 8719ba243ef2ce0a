"""The API contract of issue 4, as a client sees it."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from hatnhan.tasks.models import Acceptance, Task

from .conftest import awaiting, png


@pytest.fixture
def api():
    def client_for(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return client_for


def body(tree, owner, today, **extra):
    data = {
        "title": "Công khai 100% thủ tục hành chính",
        "organization": tree["stc"].pk,
        "assignee": owner.pk,
        "due_date": (today + dt.timedelta(days=20)).isoformat(),
        "expected_result": "100% TTHC niêm yết tại bộ phận một cửa",
    }
    data.update(extra)
    return data


def test_create_answers_201_with_id_and_assigned(api, users, tree, owner, today):
    response = api(users["secretary"]).post(
        "/api/v1/tasks/", body(tree, owner, today), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "assigned"
    assert Task.objects.get(pk=response.json()["id"]).owner == owner


def test_assignee_outside_the_subtree_is_400(api, users, tree, make_member, today):
    outsider = make_member(tree["syt_cell"], "Phạm Thị Dung")
    response = api(users["staff"]).post(
        "/api/v1/tasks/", body(tree, outsider, today), format="json"
    )
    assert response.status_code == 400
    assert "assignee" in response.json()
    # A secretary cannot even see that member: still 400, not a hint.
    response = api(users["secretary"]).post(
        "/api/v1/tasks/", body(tree, outsider, today), format="json"
    )
    assert response.status_code == 400 and "assignee" in response.json()
    assert not Task.objects.exists()


def test_member_cannot_create(api, users, tree, owner, today):
    """A member reaches no organization to assign in: the organization "does not exist" for
    them (400 on that field, never a hint that it does), and nothing is written."""
    for organization in (tree["stc"], tree["stc_cell"]):
        response = api(users["member"]).post(
            "/api/v1/tasks/", body(tree, owner, today, organization=organization.pk), format="json"
        )
        assert response.status_code == 400
        assert list(response.json()) == ["organization"]
    assert not Task.objects.exists()


def test_list_scoping(api, make_task, users, make_member, tree):
    someone = make_member(tree["stc_cell"], "Ngô Văn Khoa")
    mine = make_task()
    theirs = make_task(owner=someone, title="Của người khác")
    ids = lambda user: {row["id"] for row in api(user).get("/api/v1/tasks/").json()["results"]}  # noqa: E731
    assert ids(users["member"]) == {mine.pk}
    assert ids(users["secretary"]) == {mine.pk, theirs.pk}
    assert ids(users["committee"]) == {mine.pk, theirs.pk}
    assert ids(users["other"]) == set()


def test_detail_shows_status_and_is_overdue(api, task, users):
    data = api(users["member"]).get(f"/api/v1/tasks/{task.pk}/").json()
    assert data["status"] == "assigned" and data["is_overdue"] is False
    Task.objects.filter(pk=task.pk).update(
        due_date=dt.date(2020, 1, 1), start_date=dt.date(2020, 1, 1)
    )
    assert api(users["member"]).get(f"/api/v1/tasks/{task.pk}/").json()["is_overdue"] is True


def test_other_org_gets_404(api, task, users):
    assert api(users["other"]).get(f"/api/v1/tasks/{task.pk}/").status_code == 404
    assert (
        api(users["other"])
        .post(f"/api/v1/tasks/{task.pk}/accept/", {"outcome": "met"}, format="json")
        .status_code
        == 404
    )


def test_progress_with_files_by_multipart(api, task, users):
    response = api(users["member"]).post(
        f"/api/v1/tasks/{task.pk}/progress/",
        {"percent": 60, "note": "Đã niêm yết 60%", "files": [png("niem-yet.png")]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["evidence"][0]["file_name"] == "niem-yet.png"
    task.refresh_from_db()
    assert (task.status, task.percent) == ("in_progress", 60)
    listed = api(users["member"]).get(f"/api/v1/tasks/{task.pk}/progress/").json()
    assert listed[0]["percent"] == 60


def test_progress_percent_out_of_range_is_400(api, task, users):
    response = api(users["member"]).post(
        f"/api/v1/tasks/{task.pk}/progress/", {"percent": 150, "note": "x"}, format="multipart"
    )
    assert response.status_code == 400 and list(response.json()) == ["percent"]
    task.refresh_from_db()
    assert (task.status, task.percent) == ("assigned", 0)
    assert not task.progress_updates.exists()


def test_accept_by_owner_is_403_and_by_secretary_done(api, task, users):
    api(users["member"]).post(
        f"/api/v1/tasks/{task.pk}/progress/",
        {"percent": 100, "note": "Xong", "submit": True},
        format="json",
    )
    response = api(users["member"]).post(
        f"/api/v1/tasks/{task.pk}/accept/",
        {"outcome": "exceeded", "comment": "Tự khen"},
        format="json",
    )
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == "awaiting_acceptance" and not Acceptance.objects.exists()
    response = api(users["secretary"]).post(
        f"/api/v1/tasks/{task.pk}/accept/", {"outcome": "met", "comment": "Đạt"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done" and response.json()["outcome"] == "met"


def test_accept_bad_outcome_is_400(api, task, users):
    """The task awaits acceptance, so the 400 can only come from the outcome."""
    awaiting(task, users)
    response = api(users["secretary"]).post(
        f"/api/v1/tasks/{task.pk}/accept/", {"outcome": "great"}, format="json"
    )
    assert response.status_code == 400 and list(response.json()) == ["outcome"]
    task.refresh_from_db()
    assert (task.status, task.outcome) == ("awaiting_acceptance", "")
    assert not Acceptance.objects.exists()


def test_accept_before_awaiting_is_400(api, task, users):
    response = api(users["secretary"]).post(
        f"/api/v1/tasks/{task.pk}/accept/", {"outcome": "met"}, format="json"
    )
    assert response.status_code == 400 and list(response.json()) == ["status"]
    task.refresh_from_db()
    assert task.status == "assigned" and not Acceptance.objects.exists()


def test_extension_request_and_decision(api, task, users):
    new_due = (task.due_date + dt.timedelta(days=7)).isoformat()
    response = api(users["member"]).post(
        f"/api/v1/tasks/{task.pk}/extension/",
        {"requested_due_date": new_due, "reason": "Chờ số liệu"},
        format="json",
    )
    assert response.status_code == 201
    assert (
        api(users["member"])
        .post(f"/api/v1/tasks/{task.pk}/extension/decide/", {"grant": True}, format="json")
        .status_code
        == 403
    )
    response = api(users["secretary"]).post(
        f"/api/v1/tasks/{task.pk}/extension/decide/", {"grant": True}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "granted"
    data = api(users["member"]).get(f"/api/v1/tasks/{task.pk}/").json()
    assert data["due_date"] == new_due and data["original_due_date"] != new_due


def test_cancel_needs_reason(api, task, users):
    client = api(users["secretary"])
    response = client.post(f"/api/v1/tasks/{task.pk}/cancel/", {}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["reason"]
    task.refresh_from_db()
    assert task.status == "assigned"
    response = client.post(
        f"/api/v1/tasks/{task.pk}/cancel/", {"reason": "Đổi kế hoạch"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_return_sends_back(api, task, users):
    api(users["member"]).post(
        f"/api/v1/tasks/{task.pk}/progress/",
        {"percent": 100, "note": "Xong", "submit": True},
        format="json",
    )
    response = api(users["secretary"]).post(
        f"/api/v1/tasks/{task.pk}/return/", {"comment": "Bổ sung ảnh"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "in_progress"


def test_no_delete(api, task, users):
    assert api(users["admin"]).delete(f"/api/v1/tasks/{task.pk}/").status_code == 405


def test_list_filters(api, make_task, users, tree):
    make_task(organization=tree["stc_cell"], title="Ở chi bộ")
    make_task(title="Ở đảng bộ")
    client = api(users["secretary"])
    rows = client.get(f"/api/v1/tasks/?organization={tree['stc_cell'].pk}").json()["results"]
    assert [r["title"] for r in rows] == ["Ở chi bộ"]
    rows = client.get("/api/v1/tasks/?status=assigned&q=dang bo").json()["results"]
    assert [r["title"] for r in rows] == ["Ở đảng bộ"]
    assert client.get("/api/v1/tasks/?overdue=true").json()["count"] == 0


def test_notifications_are_the_users_own(api, task, users):
    rows = api(users["member"]).get("/api/v1/notifications/").json()["results"]
    assert rows and rows[0]["task"] == task.pk
    note_id = rows[0]["id"]
    assert api(users["secretary"]).get(f"/api/v1/notifications/{note_id}/").status_code == 404
    read = api(users["member"]).post(f"/api/v1/notifications/{note_id}/read/").json()
    assert read["read_at"]


def test_patch_reassigns_but_not_the_due_date(api, task, users, make_member, tree):
    someone = make_member(tree["stc_cell"], "Ngô Văn Khoa")
    client = api(users["secretary"])
    response = client.patch(
        f"/api/v1/tasks/{task.pk}/", {"assignee": someone.pk, "priority": "high"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["assignee"] == someone.pk and response.json()["priority"] == "high"
    later = (task.due_date + dt.timedelta(days=30)).isoformat()
    response = client.patch(f"/api/v1/tasks/{task.pk}/", {"due_date": later}, format="json")
    assert response.status_code == 400 and "due_date" in response.json()
    assert (
        api(users["member"])
        .patch(f"/api/v1/tasks/{task.pk}/", {"title": "Tự sửa"}, format="json")
        .status_code
        == 404
    )  # no longer theirs
    outsider = make_member(tree["syt_cell"], "Phạm Thị Dung")
    response = api(users["staff"]).patch(
        f"/api/v1/tasks/{task.pk}/", {"assignee": outsider.pk}, format="json"
    )
    assert response.status_code == 400 and "assignee" in response.json()
    assert client.put(f"/api/v1/tasks/{task.pk}/", {}, format="json").status_code == 405


def test_every_task_action_is_404_out_of_reach_whatever_the_input(api, task, users):
    client = api(users["other"])
    for action in ("progress", "accept", "return", "cancel", "extension", "extension/decide"):
        for url in (f"/api/v1/tasks/{task.pk}/{action}/", f"/api/v1/tasks/{task.pk}/{action}.json"):
            assert client.post(url, {}, format="json").status_code == 404, url
    assert client.patch(f"/api/v1/tasks/{task.pk}/", {}, format="json").status_code == 404
