"""A new account's temporary password must be changed at first sign-in: every page leads to
the change page, the API refuses its session and its token, until it is changed."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from hatnhan.accounts.models import User
from hatnhan.accounts.services import api_token, create_account
from hatnhan.core.testing import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh(tree, users, make_member) -> tuple[User, str]:
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    return create_account(
        actor=users["admin"],
        username="stc.cuong",
        member=member,
        role="member",
        organization=tree["stc_cell"],
    )


def test_the_page_shows_the_temporary_password_once(tree, users, make_member, signed_in):
    member = make_member(tree["stc_cell"], "Phạm Thị Dung")
    admin = signed_in(users["admin"])
    response = admin.post(
        reverse("accounts:create"),
        {
            "member": member.pk,
            "username": "stc.dung",
            "role": "member",
            "organization": tree["stc_cell"].pk,
        },
    )
    assert response.status_code == 200
    password = re.search(r'id="temporary-password">([^<]+)<', response.content.decode()).group(1)
    account = User.objects.get(username="stc.dung")
    assert account.member == member and account.must_change_password
    assert account.check_password(password)
    # Nothing keeps it: the account page does not show it.
    assert password not in admin.get(reverse("accounts:detail", args=[account.pk])).content.decode()


def test_first_sign_in_is_led_to_the_change_page(fresh):
    user, password = fresh
    client = Client()
    response = client.post(reverse("login"), {"username": "stc.cuong", "password": password})
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("password-change"))
    tasks = client.get("/tasks/", HTTP_HX_REQUEST="true")
    assert tasks["HX-Redirect"].startswith(reverse("password-change"))
    assert client.get("/api/v1/tasks/").status_code == 403
    assert client.get(reverse("password-change")).status_code == 200

    response = client.post(
        reverse("password-change") + "?next=/tasks/",
        {
            "old_password": password,
            "new_password": "Sen-vang-2026",
            "new_password_again": "Sen-vang-2026",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/tasks/"
    assert client.get(reverse("home")).status_code == 200
    user.refresh_from_db()
    assert not user.must_change_password


def test_the_token_is_refused_until_the_password_is_changed(fresh):
    user, _password = fresh
    token = api_token(actor=None, user=user)
    response = api_client().get("/api/v1/tasks/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 401
    assert "mật khẩu tạm thời" in response.json()["detail"]
