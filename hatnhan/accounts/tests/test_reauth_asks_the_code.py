"""Issue 8, "re-authentication before sensitive changes": a user with an authenticator
confirms with the password AND a current code (pages and API); without one, the password
alone, as before."""

import pytest
from django.urls import reverse

from hatnhan.accounts import mfa
from hatnhan.accounts.models import Role
from hatnhan.core.testing import api_client

from .helpers import enroll

pytestmark = pytest.mark.django_db


def test_the_page_asks_the_code_too(users, signed_in):
    enroll(users["admin"])
    client = signed_in(users["admin"])
    page = client.get(reverse("reauth") + "?next=/users/")
    assert 'name="otp"' in page.content.decode()
    refused = client.post(reverse("reauth"), {"password": "demo", "next": "/users/"})
    assert refused.status_code == 200
    assert "Nhập mã xác thực hai lớp" in refused.content.decode()
    wrong = client.post(reverse("reauth"), {"password": "demo", "otp": "000000"})
    assert "không đúng" in wrong.content.decode()


def test_password_and_code_confirm(users, signed_in, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device, _ = enroll(users["admin"])
    client = signed_in(users["admin"])
    ok = client.post(
        reverse("reauth"), {"password": "demo", "otp": mfa.next_code(device), "next": "/users/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/users/"


def test_without_an_authenticator_the_password_alone(users, signed_in):
    client = signed_in(users["member"])
    assert 'name="otp"' not in client.get(reverse("reauth")).content.decode()
    assert client.post(reverse("reauth"), {"password": "demo"}).status_code == 302


def test_the_api_asks_the_code_too(tree, users):
    device, _ = enroll(users["admin"])
    client = api_client(users["admin"])
    url = f"/api/v1/accounts/{users['member'].pk}/grant-role/"
    body = {"role": "committee", "organization": tree["stc"].pk, "password": "demo"}
    refused = client.post(url, body, format="json")
    assert refused.status_code == 403 and "mã xác thực" in refused.json()["detail"]
    body["otp"] = mfa.next_code(device)
    assert client.post(url, body, format="json").status_code == 201
    assert Role.objects.filter(user=users["member"], role="committee").exists()
