"""Re-authentication before sensitive changes: granting roles, resetting passwords (and, later,
approving identity access). One mechanism for every such page and API action.

- :func:`confirm_identity` is THE check of who is at the keyboard. It is the one function to
  extend: two-factor sign-in (branch `mfa`) adds the one-time code here (the `factors` it is
  given, e.g. ``otp``), and the form (:class:`hatnhan.accounts.forms.ConfirmIdentityForm`) a
  field for it; the page, the decorator and the API need no change.
- A page view is wrapped in :func:`require_recent_auth`, or, when it must first answer 404 for
  an object out of reach, calls :func:`reauth_redirect` after looking the object up. Unless the
  user confirmed within settings.REAUTH_MAX_AGE_SECONDS, they are sent to the "confirm your
  password" page (``reauth``) and, once confirmed, back where they were.
- An API action takes the actor's ``password`` in its body and passes it to
  :func:`confirm_identity` (a token carries no session to remember a confirmation in);
  a session recently confirmed counts as well (:func:`api_confirmed`).
"""

import functools
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from hatnhan.core.security_log import log_security_event

# When the session's user last confirmed their identity (epoch seconds).
CONFIRMED_AT = "hatnhan_reauth_at"


def confirm_identity(request: Any, user: Any, *, password: str, **factors: Any) -> str | None:
    """None when `user` proved it is them (their password, and the two-factor code `otp` when
    they have an authenticator), else the refusal to show. Logged either way in the security
    log; a wrong code counts towards the sign-in lockout (hatnhan.accounts.mfa)."""
    from . import mfa

    if not password or not user.check_password(password):
        log_security_event("reauth.failed", request, user=user.get_username())
        return "Mật khẩu không đúng."
    if mfa.has_device(user):
        code = factors.get("otp") or ""
        if not code:
            log_security_event("reauth.failed", request, user=user.get_username(), factor="otp")
            return "Nhập mã xác thực hai lớp."
        if mfa.check_code(getattr(request, "_request", request), user, code) is None:
            log_security_event("reauth.failed", request, user=user.get_username(), factor="otp")
            return "Mã xác thực hai lớp không đúng hoặc đã dùng."
    log_security_event("reauth.succeeded", request, user=user.get_username())
    return None


def mark_confirmed(request: HttpRequest) -> None:
    request.session[CONFIRMED_AT] = int(time.time())


def recently_confirmed(request: Any) -> bool:
    session = getattr(request, "session", None)
    if session is None:
        return False
    at = session.get(CONFIRMED_AT)
    return isinstance(at, int) and 0 <= time.time() - at <= settings.REAUTH_MAX_AGE_SECONDS


def safe_next(request: HttpRequest, target: str | None) -> str | None:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def reauth_redirect(request: HttpRequest) -> HttpResponse | None:
    """None when the user confirmed recently; else the way to the confirmation page, which
    brings them back here (a form posted now is shown again, to send once confirmed)."""
    if recently_confirmed(request):
        return None
    log_security_event("reauth.required", request)
    url = reverse("reauth") + "?" + urlencode({"next": request.get_full_path()})
    response = redirect(url)
    if request.headers.get("HX-Request"):
        # htmx would swap the confirmation page into a fragment: send the whole page there.
        response["HX-Redirect"] = url
    return response


def require_recent_auth(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page that asks for a recent confirmation first (after the login check)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return reauth_redirect(request) or view(request, *args, **kwargs)

    return wrapped


def api_confirmed(request: Any, password: str | None, otp: str | None = None) -> str | None:
    """The API's side: None when the request's session confirmed recently or `password` (the
    actor's own, sent with the action, with `otp` when they have an authenticator) confirms
    now; else the refusal."""
    if recently_confirmed(request) and not password:
        return None
    return confirm_identity(request, request.user, password=password or "", otp=otp or "")
