"""Before anything else: the second step of sign-in, then the change of a temporary password."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hatnhan.core.security_log import log_security_event

# What a user with a temporary password may still open: the change page itself, signing out,
# the language switch, and the files the pages need.
_ALLOWED_NAMES = ("password-change", "logout", "set_language", "mfa-verify", "mfa-enroll")
# What a session that has not passed its second factor may open.
_MFA_ALLOWED_NAMES = ("mfa-verify", "mfa-enroll", "logout", "set_language")


def _allowed_paths(names: tuple[str, ...]) -> tuple[str, ...]:
    from django.conf import settings

    return (*(reverse(name) for name in names), "/" + settings.STATIC_URL.lstrip("/"))


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    response = redirect(url)
    if request.headers.get("HX-Request"):
        response["HX-Redirect"] = url
    return response


class TwoFactorRequiredMiddleware:
    """A session signed in with its password but not yet its code (or, for a role that
    requires two-factor sign-in, with no authenticator yet) reaches only the two-factor pages
    and signing out (hatnhan.accounts.mfa). The API answers 403 to such a session; API tokens
    authenticate in the view, after this, and are made only on the command line."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._allowed: tuple[str, ...] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from . import mfa

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or mfa.is_verified(request):
            return self.get_response(request)
        if self._allowed is None:
            self._allowed = _allowed_paths(_MFA_ALLOWED_NAMES)
        *pages, static = self._allowed
        # Exactly these pages (the user's own two-factor settings live below /accounts/2fa/
        # and are not among them), and the static files.
        if request.path in pages or request.path.startswith(static):
            return self.get_response(request)
        step = mfa.needs_second_step(request)
        if step is None:
            # Nothing more to ask (a member with no authenticator): not looked up again.
            request.session[mfa.VERIFIED] = True
            return self.get_response(request)
        log_security_event("mfa.required", request, step=step)
        message = _("Đồng chí cần nhập mã xác thực hai lớp trước khi làm việc.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        name = "mfa-verify" if step == "verify" else "mfa-enroll"
        return _redirect(
            request, reverse(name) + "?" + urlencode({"next": request.get_full_path()})
        )


class PasswordChangeRequiredMiddleware:
    """An account with `must_change_password` (a new account, a reset) reaches only the change
    page until it has chosen its own password; the API answers 403 (tokens are refused in
    hatnhan.api.authentication)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._allowed: tuple[str, ...] | None = None

    def allowed(self) -> tuple[str, ...]:
        if self._allowed is None:
            from django.conf import settings

            self._allowed = (
                *(reverse(name) for name in _ALLOWED_NAMES),
                "/" + settings.STATIC_URL.lstrip("/"),
            )
        return self._allowed

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or not getattr(user, "must_change_password", False)
            or request.path.startswith(self.allowed())
        ):
            return self.get_response(request)
        log_security_event("password.change_required", request)
        message = _("Đồng chí cần đổi mật khẩu tạm thời trước khi làm việc.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        url = reverse("password-change") + "?" + urlencode({"next": request.get_full_path()})
        response = redirect(url)
        if request.headers.get("HX-Request"):
            response["HX-Redirect"] = url
        return response
