from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from hatnhan.core.security_log import log_security_event

# DRF's Vietnamese catalogue lacks these; an API client reads them first.
_MESSAGES = {
    exceptions.NotAuthenticated: _(
        "Cần đăng nhập: gửi phiên làm việc hoặc `Authorization: Token <mã>`."
    ),
    exceptions.AuthenticationFailed: _("Mã API không hợp lệ hoặc tài khoản đã bị khóa."),
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Service-layer errors become the API's: validation → 400 by field, refusal → 403."""
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        # Django's key for errors of no one field; DRF clients know it as non_field_errors.
        if NON_FIELD_ERRORS in detail:
            detail["non_field_errors"] = detail.pop(NON_FIELD_ERRORS)
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    elif type(exc) in _MESSAGES:
        translated = type(exc)(detail=_MESSAGES[type(exc)])
        # The view put the `WWW-Authenticate` challenge on the original exception.
        translated.auth_header = getattr(exc, "auth_header", None)  # type: ignore[attr-defined]
        exc = translated
    if isinstance(exc, exceptions.PermissionDenied | exceptions.NotAuthenticated):
        log_security_event("authorization.refused", context.get("request"), reason=str(exc.detail))
    return drf_exception_handler(exc, context)
