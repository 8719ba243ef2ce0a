"""Token authentication that cannot be used to guess tokens.

DRF authenticates before it throttles, so a wrong token is answered 401 however often it is
tried. Here each address may fail API_TOKEN_FAILURES times in API_TOKEN_FAILURE_WINDOW_SECONDS;
past that it is answered 429 — even with a right token — until the window passes."""

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from hatnhan.core.security_log import client_address, log_security_event


class TemporaryPasswordRefused(exceptions.AuthenticationFailed):
    """Its own type: the project's handler keeps this message (not the generic one)."""

    default_detail = _(
        "Tài khoản đang dùng mật khẩu tạm thời: đăng nhập và đổi mật khẩu trước khi dùng mã API."
    )


def _failures_key(request: Any) -> str:
    return f"hatnhan:token-failures:{client_address(request)}"


class ThrottledTokenAuthentication(TokenAuthentication):
    def authenticate(self, request: Any) -> Any:
        key = _failures_key(request)
        if (
            request.META.get("HTTP_AUTHORIZATION")
            and cache.get(key, 0) >= settings.API_TOKEN_FAILURES
        ):
            log_security_event("api.token.locked_out", request)
            raise exceptions.Throttled(wait=settings.API_TOKEN_FAILURE_WINDOW_SECONDS)
        try:
            found = super().authenticate(request)
        except exceptions.AuthenticationFailed:
            # add() starts the window with the first failure; incr() never extends it.
            if not cache.add(key, 1, settings.API_TOKEN_FAILURE_WINDOW_SECONDS):
                try:
                    cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.add(key, 1, settings.API_TOKEN_FAILURE_WINDOW_SECONDS)
            log_security_event("api.token.failed", request)
            raise
        if found is not None and getattr(found[0], "must_change_password", False):
            # A temporary password was handed to someone: until its holder has chosen their
            # own, the account's token (made before a reset, or since) opens nothing.
            log_security_event("api.token.refused", request, user=found[0].get_username())
            raise TemporaryPasswordRefused()
        return found
