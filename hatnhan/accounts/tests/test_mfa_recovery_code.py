"""Issue 8, "one-time recovery codes": a recovery code signs in once, never twice; a new set
(after re-authentication) replaces the old one."""

import pytest
from django.test import Client
from django.urls import reverse

from hatnhan.audit.models import AuditEvent

from .helpers import enroll, password_step

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    # After a failure django-otp makes the device wait (test_mfa_throttle.py); these tests
    # retry at once.
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def test_a_recovery_code_works_once(users):
    _, codes = enroll(users["secretary"])
    first = Client()
    password_step(first, "stc_secretary")
    ok = first.post(reverse("mfa-verify"), {"code": codes[0].upper()}, follow=True)
    assert ok.status_code == 200 and ok.request["PATH_INFO"] == reverse("home")
    assert "còn 9 mã" in ok.content.decode()
    second = Client()
    password_step(second, "stc_secretary")
    refused = second.post(reverse("mfa-verify"), {"code": codes[0]})
    assert refused.status_code == 200
    assert second.get(reverse("home")).status_code == 302
    # Another code of the set still works.
    assert second.post(reverse("mfa-verify"), {"code": codes[1]}).status_code == 302


def test_a_new_set_replaces_the_old_one(users, signed_in):
    _, old = enroll(users["secretary"])
    client = signed_in(users["secretary"], confirmed=True)
    assert client.get(reverse("mfa-recovery-codes")).status_code == 200
    page = client.post(reverse("mfa-recovery-codes"))
    new = page.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert AuditEvent.objects.filter(action="user.mfa_recovery_codes").count() == 1
    other = Client()
    password_step(other, "stc_secretary")
    assert other.post(reverse("mfa-verify"), {"code": old[2]}).status_code == 200
    assert other.post(reverse("mfa-verify"), {"code": new[2]}).status_code == 302


def test_a_new_set_asks_for_reauthentication_first(users, signed_in):
    enroll(users["secretary"])
    client = signed_in(users["secretary"])
    response = client.post(reverse("mfa-recovery-codes"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("reauth"))
