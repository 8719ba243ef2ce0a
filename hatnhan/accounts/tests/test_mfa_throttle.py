"""Issue 8, brute force: "a TOTP step must not be guessable without limit". Besides the
lockout (test_lockout.py), django-otp makes a device wait after each wrong code, longer each
time: right after a wrong code even the right one is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from hatnhan.accounts import mfa

from .helpers import enroll, password_step

pytestmark = pytest.mark.django_db


def test_after_a_wrong_code_the_device_waits(users):
    device, _ = enroll(users["secretary"])
    client = Client()
    password_step(client, "stc_secretary")
    client.post(reverse("mfa-verify"), {"code": "000000"})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    right = client.post(reverse("mfa-verify"), {"code": mfa.next_code(device)})
    assert right.status_code == 200
    assert client.get(reverse("home")).status_code == 302
