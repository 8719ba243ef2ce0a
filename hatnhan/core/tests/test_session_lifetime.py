"""Signed-in sessions end when idle and at an absolute lifetime; signed-in pages are not
stored by the browser."""

import time

import pytest
from django.urls import reverse

from hatnhan.core.middleware import SESSION_SEEN, SESSION_STARTED


def age(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"seen": SESSION_SEEN, "started": SESSION_STARTED}[key]] = now - ago
    session.save()


@pytest.fixture
def signed_in(client, users):
    client.force_login(users["secretary"])
    client.get(reverse("home"))
    return client


def test_an_active_session_stays_signed_in(signed_in):
    response = signed_in.get(reverse("home"))
    assert response.status_code == 200


def test_an_idle_session_ends(signed_in, settings):
    age(signed_in, seen=settings.SESSION_IDLE_SECONDS + 5)
    response = signed_in.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in signed_in.session
    followed = signed_in.get(response["Location"])
    assert "lâu không thao tác" in followed.content.decode()


def test_a_session_ends_at_its_absolute_lifetime_however_active(signed_in, settings):
    age(signed_in, started=settings.SESSION_ABSOLUTE_SECONDS + 5, seen=1)
    response = signed_in.get(reverse("home"))
    assert response.status_code == 302
    assert "_auth_user_id" not in signed_in.session


def test_htmx_requests_of_an_expired_session_go_to_the_login_page_whole(signed_in, settings):
    age(signed_in, seen=settings.SESSION_IDLE_SECONDS + 5)
    response = signed_in.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_signed_in_pages_are_private_and_never_stored(signed_in):
    response = signed_in.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_sign_in_starts_the_absolute_lifetime(client, users):
    users["secretary"].set_password("mật-khẩu-đủ-dài-1")
    users["secretary"].save()
    before = int(time.time())
    client.post(
        reverse("login"), {"username": users["secretary"].username, "password": "mật-khẩu-đủ-dài-1"}
    )
    assert client.session[SESSION_STARTED] >= before
