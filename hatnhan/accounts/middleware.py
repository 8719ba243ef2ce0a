"""A temporary password leads to the change page before anything else."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from hatnhan.core.security_log import log_security_event

# What a user with a temporary password may still open: the change page itself, signing out,
# the language switch, and the files the pages need.
_ALLOWED_NAMES = ("password-change", "logout", "set_language")


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
