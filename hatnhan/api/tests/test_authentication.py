"""Who may call the API: a session, a token (`Authorization: Token <key>`), never anonymous."""

import pytest

from hatnhan.accounts.services import api_token
from hatnhan.core.testing import api_client, writes_nothing

ENDPOINTS = [
    "/api/v1/",
    "/api/v1/organizations/",
    "/api/v1/members/",
    "/api/v1/terms/",
    "/api/v1/seats/",
    "/api/v1/audit-events/",
    "/api/schema/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_is_refused(url):
    response = api_client().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"].startswith("Cần đăng nhập")


@pytest.mark.django_db
def test_anonymous_does_not_see_the_docs_page(client):
    response = client.get("/api/docs/", HTTP_ACCEPT="text/html")
    assert response.status_code == 401
    assert b"swagger-ui" not in response.content


def test_token_authenticates(users, tree):
    key = api_token(actor=None, user=users["secretary"])
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 200
    assert {row["code"] for row in response.json()["results"]} == {"STC", "STC-NS"}


def test_wrong_token_is_refused(users):
    api_token(actor=None, user=users["secretary"])
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Mã API không hợp lệ hoặc tài khoản đã bị khóa."}


def test_session_authenticates(users, tree):
    response = api_client(users["staff"]).get("/api/v1/organizations/")
    assert response.status_code == 200
    assert response.json()["count"] == 5


def test_token_of_inactive_user_is_refused(users):
    user = users["secretary"]
    key = api_token(actor=None, user=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/organizations/").status_code == 401


def test_session_write_needs_csrf(users, tree):
    """A browser session cannot be ridden by another site: POST without the CSRF token fails."""
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(users["secretary"])
    with writes_nothing():
        response = client.post(
            "/api/v1/organizations/",
            {"code": "STC-X", "name": "Chi bộ X", "kind": "cell", "parent": tree["stc"].pk},
            format="json",
        )
    # Refused for the missing token, not for the role: the secretary may create this cell.
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
