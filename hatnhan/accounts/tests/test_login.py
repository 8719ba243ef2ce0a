import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_and_logout(client, users):
    """A member (no two-factor sign-in required) goes straight from the password to work."""
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "Đăng nhập" in page.content.decode()
    response = client.post(reverse("login"), {"username": "stc_member", "password": "demo"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_says_so_in_vietnamese(client, users):
    response = client.post(reverse("login"), {"username": "stc_secretary", "password": "nope"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_demo_mode_lists_accounts_by_role(client, users, settings):
    settings.DEMO_MODE = True
    response = client.get(reverse("login"))
    html = response.content.decode()
    groups = dict(response.context["demo_accounts"])
    assert [u.username for u in groups["Bí thư"]] == ["stc_secretary", "syt_secretary"]
    assert [u.username for u in groups["Đảng viên"]] == ["stc_member"]
    assert "demo" in html and "Đảng bộ Sở Y tế" in html


def test_outside_demo_mode_no_account_is_listed(client, users, settings):
    settings.DEMO_MODE = False
    response = client.get(reverse("login"))
    assert response.context["demo_accounts"] == []
    html = response.content.decode()
    assert "stc_secretary" not in html and "Tài khoản dùng thử" not in html
