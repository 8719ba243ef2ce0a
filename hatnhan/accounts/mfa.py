"""Two-factor sign-in (django-otp): a TOTP authenticator app and one-time recovery codes.

- Whoever holds a role in settings.HATNHAN_MFA_REQUIRED_ROLES must have a TOTP device; a
  member may enroll from their own page. After the password, a session is *unverified* until
  the second step (the code, or a recovery code) succeeds: :data:`VERIFIED` in the session.
  Until then hatnhan.accounts.middleware.TwoFactorRequiredMiddleware lets it reach only the
  two-factor pages and signing out.
- A wrong code counts as a failed sign-in for django-axes (the same per-account and
  per-address lockout as a wrong password), on top of django-otp's own per-device throttle:
  a six-digit code cannot be guessed without limit.
- Tests sign in with ``client.force_login``, which counts as verified
  (hatnhan.core.testing.install_verified_force_login).
"""

import base64
import time
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY, verify_token
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hatnhan.core.security_log import log_security_event

from .models import Role

# The session passed every factor its user has (the password, and the code if they have one).
VERIFIED = "hatnhan_mfa_verified"
# The demo's fixed secret (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ = "12345678901234567890"),
# so that anyone can sign in to a demo installation without an authenticator app.
DEMO_SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
DEMO_KEY_HEX = base64.b32decode(DEMO_SECRET_BASE32).hex()
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def required(user: Any) -> bool:
    """The user holds a role for which two-factor sign-in is mandatory."""
    return Role.objects.filter(user=user, role__in=settings.HATNHAN_MFA_REQUIRED_ROLES).exists()


def totp_device(user: Any, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def has_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: Any) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(VERIFIED))


def needs_second_step(request: HttpRequest) -> str | None:
    """None when the session may work; else the two-factor page it must go to: "verify" (it
    has a device) or "enroll" (its role requires one)."""
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return None
    if has_device(user):
        return "verify"
    if required(user):
        return "enroll"
    return None


def mark_verified(request: HttpRequest, device: Any | None) -> None:
    """Every factor passed: the session may work, under a new key (no fixation across the
    step), and the failures counted against the account are forgotten."""
    if device is not None:
        otp_login(request, device)
    request.session[VERIFIED] = True
    request.session.cycle_key()
    axes_reset(username=request.user.get_username())


def forget_verification(request: HttpRequest) -> None:
    """A fresh password sign-in starts unverified, even over an old verified session."""
    request.session.pop(VERIFIED, None)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)


def locked_out(request: HttpRequest, user: Any) -> bool:
    return AxesProxyHandler.is_locked(request, credentials={"username": user.get_username()})


def _failed(request: HttpRequest, user: Any, event: str) -> None:
    log_security_event(event, request, user=user.get_username())
    # django-axes counts it like a wrong password (and marks the request locked out when the
    # limit is reached: its middleware then answers the lockout page).
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


def check_code(request: HttpRequest, user: Any, code: str) -> Any | None:
    """The device (authenticator or recovery codes) that accepts `code`, or None (counted as a
    failed sign-in). django-otp refuses a TOTP code already used and throttles each device
    after failures; a recovery code is deleted as it is used."""
    code = "".join((code or "").split()).lower()
    if not code or len(code) > 16:
        _failed(request, user, "mfa.failed")
        return None
    device = _match(user, code)
    if device is None:
        _failed(request, user, "mfa.failed")
        return None
    if isinstance(device, StaticDevice):
        log_security_event("mfa.recovery_code_used", request, user=user.get_username())
    else:
        log_security_event("mfa.verified", request, user=user.get_username())
    return device


def _match(user: Any, code: str) -> Any | None:
    """Six digits go to the authenticator, anything else to the recovery codes: a recovery
    code typed is no failure of the authenticator (which would throttle it)."""
    model = TOTPDevice if code.isascii() and code.isdigit() and len(code) <= 8 else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True).order_by("pk"):
        if found := verify_token(user, device.persistent_id, code):
            return found
    return None


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG (no image request, allowed by the CSP)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)


def current_code(device: TOTPDevice, *, ahead: int = 0) -> str:
    """The code the device expects now (`ahead` steps later): the demo's hint and the tests'
    and benchmark's authenticator."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def demo_hint(user: Any) -> str | None:
    """The current code of a demo account's device, shown on the two-factor page in demo mode
    only (and only for the demo's public secret, never a device someone enrolled)."""
    if not settings.DEMO_MODE:
        return None
    device = totp_device(user)
    if device is None or device.key != DEMO_KEY_HEX:
        return None
    return current_code(device)


def next_code(device: TOTPDevice) -> str:
    """A code the device will still accept: the current one, or the next step's when the
    current was already used (django-otp refuses a code twice). For tests and the benchmark,
    which sign in more often than a person does."""
    device.refresh_from_db()

    def ahead() -> int:
        now = int((time.time() - device.t0) // device.step) + device.drift
        return max(0, device.last_t + 1 - now)

    if ahead() > device.tolerance:
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.05)
    return current_code(device, ahead=ahead())
