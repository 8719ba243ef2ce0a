"""Issue 8, two-factor sign-in: after the password, a user with an authenticator gives its
6-digit code; a wrong code, or one already used, is refused (and counted as a failed
sign-in), and until then the session reaches nothing."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from hatnhan.accounts import mfa

from .helpers import enroll, password_step

pytestmark = pytest.mark.django_db


def test_the_password_leads_to_the_code_and_the_code_in(users):
    device, _ = enroll(users["secretary"])
    client = Client()
    response = password_step(client, "stc_secretary")
    assert response["Location"].startswith(reverse("mfa-verify"))
    assert client.get(reverse("home"))["Location"].startswith(reverse("mfa-verify"))
    assert client.get("/api/v1/tasks/").status_code == 403
    before = client.session.session_key
    ok = client.post(reverse("mfa-verify") + "?next=/tasks/", {"code": mfa.next_code(device)})
    assert ok.status_code == 302 and ok["Location"] == "/tasks/"
    # A new session key once verified (no fixation across the step).
    assert client.session.session_key != before
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_is_refused_and_counted(users):
    enroll(users["secretary"])
    client = Client()
    password_step(client, "stc_secretary")
    response = client.post(reverse("mfa-verify"), {"code": "123456"})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã dùng" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302
    assert AccessAttempt.objects.get(username="stc_secretary").failures_since_start == 1


def test_a_used_code_is_refused_the_second_time(users):
    device, _ = enroll(users["secretary"])
    code = mfa.next_code(device)
    first = Client()
    password_step(first, "stc_secretary")
    assert first.post(reverse("mfa-verify"), {"code": code}).status_code == 302
    second = Client()
    password_step(second, "stc_secretary")
    refused = second.post(reverse("mfa-verify"), {"code": code})
    assert refused.status_code == 200 and "đã dùng" in refused.content.decode()
    assert second.get(reverse("home")).status_code == 302


def test_demo_mode_shows_the_demo_code_only_for_the_public_demo_secret(users, settings):
    settings.DEMO_MODE = True
    device, _ = enroll(users["secretary"])
    client = Client()
    password_step(client, "stc_secretary")
    assert 'id="demo-code"' not in client.get(reverse("mfa-verify")).content.decode()
    device.key = mfa.DEMO_KEY_HEX
    device.save()
    page = client.get(reverse("mfa-verify")).content.decode()
    assert 'id="demo-code"' in page and mfa.current_code(device) in page
    settings.DEMO_MODE = False
    assert 'id="demo-code"' not in client.get(reverse("mfa-verify")).content.decode()


def test_before_the_code_not_even_the_own_two_factor_pages(users):
    enroll(users["secretary"])
    client = Client()
    password_step(client, "stc_secretary")
    for name in ("mfa-settings", "mfa-recovery-codes", "reauth", "password-change"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("mfa-verify")), name
