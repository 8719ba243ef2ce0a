"""Error pages with DEBUG off: Vietnamese, what happened and what to do; inside the layout
with the menu (403, 404, CSRF), and 500 from a template that needs no database."""

import pytest
from django.test import Client

pytestmark = pytest.mark.urls("hatnhan.portal.tests.error_urls")


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def menu_in(html: str) -> bool:
    return 'class="mainnav"' in html and "Cây tổ chức" in html


@pytest.mark.django_db
def test_404_in_vietnamese_inside_the_layout_with_the_menu(client, users):
    client.force_login(users["secretary"])
    response = client.get("/members/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and "Kiểm tra lại địa chỉ" in html
    assert menu_in(html) and "/search/" in html
    assert "Page not found" not in html and "Member matching query" not in html


@pytest.mark.django_db
def test_404_for_an_anonymous_visitor_offers_the_login(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "/accounts/login/" in response.content.decode()


@pytest.mark.django_db
def test_403_shows_the_reason_the_service_gave(client, users):
    client.force_login(users["member"])
    response = client.get("/boom/refuse/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Đồng chí không có quyền làm việc này" in html
    assert "Chỉ bí thư được nghiệm thu nhiệm vụ này." in html
    assert "cấp vai trò" in html and menu_in(html)


@pytest.mark.django_db
def test_403_without_a_reason_still_says_what_to_do(client, users):
    client.force_login(users["member"])
    response = client.get("/boom/refuse-silently/")
    assert response.status_code == 403
    assert 'class="error-reason"' not in response.content.decode()


@pytest.mark.django_db
def test_a_real_refusal_from_a_page(client, users, tree):
    client.force_login(users["inspector"])  # may view STC, not add members
    response = client.get("/members/new/")
    assert response.status_code == 403
    assert "không có quyền thêm đảng viên" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_page_says_nothing_was_saved(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["secretary"])
    client.get("/")  # the CSRF cookie is set, but the form below carries no token
    response = client.post("/boom/form/", {"x": "1"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Biểu mẫu chưa được gửi" in html and "Chưa có gì được lưu" in html
    assert "tải lại trang" in html and menu_in(html)
    assert "CSRF token" not in html


@pytest.mark.django_db
def test_csrf_failure_without_a_cookie_names_the_cookie(users):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/boom/form/", {"x": "1"})
    assert response.status_code == 403
    assert "chặn cookie" in response.content.decode()


def test_500_renders_with_the_database_down(client):
    """No `db` fixture: pytest-django refuses every query here, as a dead database would."""
    client.raise_request_exception = False
    response = client.get("/boom/crash/", headers={"X-Request-ID": "abc123"})
    html = response.content.decode()
    assert response.status_code == 500
    assert "Máy chủ gặp lỗi" in html and "báo quản trị hệ thống" in html
    assert "abc123" in html and 'href="/"' in html
    assert "secret internal detail" not in html and "Traceback" not in html


def test_error_pages_speak_english_when_chosen(client):
    client.raise_request_exception = False
    client.cookies["django_language"] = "en"
    response = client.get("/boom/crash/")
    assert "The server ran into an error" in response.content.decode()
