"""With DEBUG off, every error under /api/ answers JSON — `{"detail": …}` — never the site's
HTML page, whatever raised it: DRF, Django's URL resolver, its request parsing, its CSRF check
or an exception nobody handled. Pages outside /api/ keep their HTML error pages."""

import datetime as dt
import json

import pytest
from django.test import Client

from hatnhan.accounts.services import api_token
from hatnhan.core.testing import api_client, writes_nothing

pytestmark = pytest.mark.urls("hatnhan.api.tests.error_urls")


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def json_body(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = json.loads(response.content)
    assert isinstance(body.get("detail"), str) and body["detail"], body
    return body


@pytest.fixture
def token_client(users):
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(actor=None, user=users['secretary'])}")
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/api/nothing-here/",
        "/api/v1/no-such-list/",
        "/api/v1/members/not-a-number/",
        "/api/v1/audit-events/2.5e-145/",
        "/api/v1/members.xml",
    ],
)
def test_unknown_api_url_is_404_json(token_client, url):
    response = token_client.get(url)
    assert response.status_code == 404
    assert json_body(response)["detail"] == "Không tìm thấy."


@pytest.mark.django_db
def test_unknown_page_outside_the_api_keeps_the_html_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.parametrize("url", ["/api/boom/drf/", "/api/boom/plain/"])
def test_unhandled_exception_is_500_json_with_the_request_id(url):
    """No `db` fixture: nothing in the answer may read the database."""
    client = Client(raise_request_exception=False)
    response = client.get(url, headers={"X-Request-ID": "req-42"})
    assert response.status_code == 500
    body = json_body(response)
    assert body["request_id"] == "req-42" and response["X-Request-ID"] == "req-42"
    text = response.content.decode()
    assert "secret internal detail" not in text and "Traceback" not in text
    assert "<html" not in text


def test_unhandled_exception_outside_the_api_keeps_the_html_page():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/plain/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_session_write_without_csrf_token_is_403_json(users, tree):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(users["secretary"])
    with writes_nothing():
        response = client.post(
            "/api/v1/organizations/",
            {"code": "STC-X", "name": "Chi bộ X", "kind": "cell", "parent": tree["stc"].pk},
            format="json",
        )
    assert response.status_code == 403
    assert "CSRF" in json_body(response)["detail"]


@pytest.mark.django_db
def test_django_csrf_refusal_under_the_api_is_403_json(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["secretary"])
    response = client.post("/api/boom/form/", {"x": "1"})
    assert response.status_code == 403
    assert "CSRF" in json_body(response)["detail"]


@pytest.mark.django_db
def test_method_not_offered_is_405_json(token_client, users):
    response = token_client.delete(f"/api/v1/members/{users['member'].member_id}/")
    assert response.status_code == 405
    json_body(response)


@pytest.mark.django_db
def test_json_body_over_the_limit_is_413_json_and_writes_nothing(token_client, tree, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"code": "STC-X", "name": "x" * 2000, "kind": "cell", "parent": tree["stc"].pk}
    with writes_nothing():
        response = token_client.post("/api/v1/organizations/", body, format="json")
    assert response.status_code == 413
    assert "1000" in json_body(response)["detail"]


@pytest.mark.django_db
def test_multipart_field_over_the_limit_is_413_json(token_client, users, settings):
    """A multipart body may be large (its files have their own limit), but not its fields."""
    from hatnhan.tasks.services import create_task

    member = users["member"].member
    task = create_task(
        actor=users["secretary"],
        organization=member.organization.parent,
        title="Nhiệm vụ",
        owner=member,
        expected_result="Có kết quả",
        due_date=dt.date(2099, 1, 1),
    )
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    with writes_nothing():
        response = token_client.post(
            f"/api/v1/tasks/{task.pk}/progress/",
            {"percent": "10", "note": "x" * 5000},
            format="multipart",
        )
    assert response.status_code == 413
    json_body(response)


@pytest.mark.django_db
def test_too_many_fields_is_400_json(token_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = token_client.post(
        "/api/v1/organizations/",
        "&".join(f"f{i}=1" for i in range(50)),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    json_body(response)


@pytest.mark.django_db
def test_malformed_json_is_400_json(token_client):
    response = token_client.post(
        "/api/v1/organizations/", '{"code": ', content_type="application/json"
    )
    assert response.status_code == 400
    json_body(response)
