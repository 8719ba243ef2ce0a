"""Issue 8: an administrator resets an account's two-factor sign-in (a lost phone) from the
account's page, after re-authentication; audited, shown in its history; the account's
sessions end and it enrolls again at the next sign-in."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hatnhan.accounts.services import reset_mfa
from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import writes_nothing

from .helpers import enroll, live_sessions, password_step

pytestmark = pytest.mark.django_db


def test_the_reset_asks_reauthentication_then_removes_the_devices(users, signed_in):
    secretary = users["secretary"]
    enroll(secretary)
    signed_in(secretary)
    url = reverse("accounts:mfa-reset", args=[secretary.pk])
    detail = reverse("accounts:detail", args=[secretary.pk])
    admin = signed_in(users["admin"])
    assert url in admin.get(detail).content.decode()
    response = admin.post(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("reauth"))
    assert TOTPDevice.objects.filter(user=secretary).exists()

    admin = signed_in(users["admin"], confirmed=True)
    assert admin.get(url).status_code == 200
    assert admin.post(url)["Location"] == detail
    assert not TOTPDevice.objects.filter(user=secretary).exists()
    assert not StaticDevice.objects.filter(user=secretary).exists()
    assert live_sessions(secretary) == 0
    event = AuditEvent.objects.get(action="user.mfa_reset")
    assert event.actor_id == users["admin"].pk and event.after == {"mfa": False}
    assert "Đặt lại xác thực hai lớp" in admin.get(detail).content.decode()
    # The next sign-in enrolls again.
    assert password_step(Client(), secretary.username)["Location"].startswith(reverse("mfa-enroll"))


def test_no_one_resets_their_own_or_out_of_reach(users, signed_in):
    enroll(users["admin"])
    enroll(users["secretary"])
    with writes_nothing(), pytest.raises(PermissionDenied):
        reset_mfa(actor=users["admin"], user=users["admin"])
    other = signed_in(users["other"], confirmed=True)
    url = reverse("accounts:mfa-reset", args=[users["secretary"].pk])
    assert other.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=users["secretary"]).exists()
