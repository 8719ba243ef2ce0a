"""/api/v1/accounts/: the same rules as the pages."""

import time

import pytest

from hatnhan.accounts.models import Role, User
from hatnhan.accounts.reauth import CONFIRMED_AT
from hatnhan.accounts.services import api_token
from hatnhan.core.testing import api_client, writes_nothing

from .helpers import has_token, live_sessions

pytestmark = pytest.mark.django_db


def test_list_filters_and_reach(tree, users, stc_admin):
    client = api_client(stc_admin)
    names = {a["username"] for a in client.get("/api/v1/accounts/").json()["results"]}
    assert "stc_secretary" in names and "syt_secretary" not in names
    found = client.get("/api/v1/accounts/", {"role": "secretary"}).json()["results"]
    assert [a["username"] for a in found] == ["stc_secretary"]
    assert client.get("/api/v1/accounts/", {"active": "maybe"}).status_code == 400
    assert client.get("/api/v1/accounts/", {"organization": tree["syt"].pk}).status_code == 404
    assert client.get(f"/api/v1/accounts/{users['other'].pk}/").status_code == 404
    assert api_client(users["secretary"]).get("/api/v1/accounts/").status_code == 403


def test_create_returns_the_temporary_password_once(tree, users, make_member):
    member = make_member(tree["stc_cell"], "Lý Thị Hoa")
    response = api_client(users["staff"]).post(
        "/api/v1/accounts/",
        {
            "member": member.pk,
            "username": "stc.hoa",
            "role": "member",
            "organization": tree["stc_cell"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    account = User.objects.get(pk=body["id"])
    assert account.check_password(body["temporary_password"]) and account.must_change_password
    again = api_client(users["staff"]).get(f"/api/v1/accounts/{account.pk}/").json()
    assert "temporary_password" not in again


def test_create_refuses_a_member_out_of_reach(tree, users, stc_admin, make_member):
    member = make_member(tree["syt_cell"], "Hà Văn Long")
    with writes_nothing():
        response = api_client(stc_admin).post(
            "/api/v1/accounts/",
            {
                "member": member.pk,
                "username": "x",
                "role": "member",
                "organization": tree["stc"].pk,
            },
            format="json",
        )
    assert response.status_code == 400 and "member" in response.json()


def test_granting_needs_the_actors_password(tree, users):
    client = api_client(users["admin"])
    url = f"/api/v1/accounts/{users['member'].pk}/grant-role/"
    body = {"role": "committee", "organization": tree["stc"].pk}
    with writes_nothing():
        assert client.post(url, body, format="json").status_code == 403
        assert client.post(url, {**body, "password": "sai"}, format="json").status_code == 403
    response = client.post(url, {**body, "password": "demo"}, format="json")
    assert response.status_code == 201
    assert Role.objects.filter(pk=response.json()["id"], user=users["member"]).exists()
    duplicate = client.post(url, {**body, "password": "demo"}, format="json")
    assert duplicate.status_code == 400 and "đã giữ vai trò" in duplicate.json()["role"][0]


def test_a_recent_confirmation_in_the_session_counts(tree, users):
    client = api_client(users["admin"])
    session = client.session
    session[CONFIRMED_AT] = int(time.time())
    session.save()
    url = f"/api/v1/accounts/{users['member'].pk}/grant-role/"
    response = client.post(
        url, {"role": "committee", "organization": tree["stc"].pk}, format="json"
    )
    assert response.status_code == 201


def test_self_grant_and_above_reach_are_refused(tree, users, stc_admin):
    client = api_client(stc_admin)
    with writes_nothing():
        mine = client.post(
            f"/api/v1/accounts/{stc_admin.pk}/grant-role/",
            {"role": "committee", "organization": tree["stc"].pk, "password": "demo"},
            format="json",
        )
        assert mine.status_code == 403
        above = client.post(
            f"/api/v1/accounts/{users['secretary'].pk}/grant-role/",
            {"role": "admin", "organization": tree["bloc"].pk, "password": "demo"},
            format="json",
        )
        assert above.status_code == 400 and "organization" in above.json()


def test_revoke_last_role_deactivate_and_reset(tree, users):
    client = api_client(users["admin"])
    member = users["member"]
    api_token(actor=None, user=member)
    response = client.post(
        f"/api/v1/accounts/{member.pk}/revoke-role/", {"role": member.roles.get().pk}, format="json"
    )
    assert response.status_code == 200 and response.json()["roles"] == []
    assert not has_token(member)
    secretary = users["secretary"]
    assert client.post(f"/api/v1/accounts/{secretary.pk}/deactivate/").json()["is_active"] is False
    assert client.post(f"/api/v1/accounts/{secretary.pk}/reactivate/").json()["is_active"] is True
    assert client.post(f"/api/v1/accounts/{secretary.pk}/reset-password/", {}).status_code == 403
    reset = client.post(
        f"/api/v1/accounts/{secretary.pk}/reset-password/", {"password": "demo"}, format="json"
    )
    secretary.refresh_from_db()
    assert secretary.check_password(reset.json()["temporary_password"])
    assert live_sessions(secretary) == 0


def test_own_password_change(users):
    client = api_client(users["inspector"])
    wrong = client.post(
        "/api/v1/accounts/change-password/",
        {"old_password": "x", "new_password": "Cay-tre-2026"},
        format="json",
    )
    assert wrong.status_code == 400 and "old_password" in wrong.json()
    ok = client.post(
        "/api/v1/accounts/change-password/",
        {"old_password": "demo", "new_password": "Cay-tre-2026"},
        format="json",
    )
    assert ok.status_code == 200
    assert client.get("/api/v1/tasks/").status_code == 200  # this session stays


def test_the_schema_documents_the_endpoints(users):
    schema = api_client(users["admin"]).get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/v1/accounts/",
        "/api/v1/accounts/{id}/grant-role/",
        "/api/v1/accounts/{id}/reset-password/",
    ):
        assert path in schema["paths"]
