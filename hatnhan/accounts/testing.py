"""Test helpers for signing in for real: the browser journeys and any test that goes through
the login page give the two-factor code as a person would, computed from the device's key
(django_otp.oath), instead of skipping the step."""

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from . import mfa, services
from .models import User


def authenticator(user: User) -> TOTPDevice | None:
    """The account's authenticator; one is set up first (through the enrollment service) when
    its role requires two-factor sign-in and it has none yet. None for an account with none
    that needs none."""
    device = mfa.totp_device(user)
    if device is None and mfa.required(user):
        device = services.start_enrollment(user=user)
        services.confirm_enrollment(user=user, device=device, code=mfa.current_code(device))
        device.refresh_from_db()
    return device


def browser_sign_in(page: Any, username: str, password: str = "demo") -> Any:
    """Sign in through the real login page in Playwright, with the code step when asked."""
    user = User.objects.get(username=username)
    device = authenticator(user)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if device is not None and "/accounts/2fa/" in page.url:
        page.fill("input[name=code]", mfa.next_code(device))
        page.click("form.stacked button[type=submit]")
        page.wait_for_load_state("networkidle")
    return page
