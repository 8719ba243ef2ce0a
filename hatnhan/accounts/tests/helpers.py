"""What the account tests check about an account (its live sessions, its API token) and how
they sign in for real (the password, then the two-factor code)."""

from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from hatnhan.accounts import mfa, services
from hatnhan.accounts.models import AccountSession, User


def live_sessions(user: User) -> int:
    return AccountSession.objects.filter(user_id=user.pk).count()


def has_token(user: User) -> bool:
    return Token.objects.filter(user=user).exists()


def enroll(user: User) -> tuple[TOTPDevice, list[str]]:
    """Turn on two-factor sign-in for `user` through the service, as the enrollment page does;
    returns the authenticator device and the recovery codes."""
    device = services.start_enrollment(user=user)
    codes = services.confirm_enrollment(user=user, device=device, code=mfa.current_code(device))
    device.refresh_from_db()
    return device, codes


def password_step(client: Client, username: str, password: str = "demo", **extra: Any) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def sign_in(client: Client, user: User, password: str = "demo") -> None:
    """Through the login page and, when the account has an authenticator, the code step."""
    response = password_step(client, user.get_username(), password)
    assert response.status_code == 302, response
    if response["Location"].startswith(reverse("mfa-verify")):
        device = mfa.totp_device(user)
        response = client.post(reverse("mfa-verify"), {"code": mfa.next_code(device)})
        assert response.status_code == 302, response
