"""Errors under /api/ answer JSON, whatever raised them — never the site's HTML error page.

DRF turns what a view raises into JSON itself (hatnhan/api/exceptions.py). What happens
outside a DRF view does not go through it: a URL no route matches (404), an exception DRF does
not handle (500), a body too large or malformed for Django (400/413), a CSRF refusal by
Django's middleware (403). The site's handlers (hatnhan/portal/errors.py) ask
:func:`error_response` first, which answers JSON for an API request and None otherwise.
The bodies have the shape the schema documents for every error: ``{"detail": "…"}``.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(request: HttpRequest, status: int, detail: str) -> JsonResponse:
    body = {"detail": detail}
    request_id = getattr(request, "request_id", "")
    if request_id:
        # What the operator looks for in the log (core.middleware.RequestIdMiddleware).
        body["request_id"] = request_id
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def too_large_detail() -> str:
    return _("Nội dung yêu cầu quá lớn: tối đa %(limit)s byte (không kể tệp tải lên).") % {
        "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    }


def error_response(
    request: HttpRequest,
    status: int,
    exception: Exception | None = None,
    *,
    detail: str = "",
) -> JsonResponse | None:
    """The JSON answer for an API request that failed with `status`; None outside the API.
    Nothing here reads the database: a 500 may come from a database that is down. The
    exception's own text is never shown (it may name models, paths or queries)."""
    if not is_api(request):
        return None
    if status == 400 and isinstance(exception, RequestDataTooBig):
        return json_error(request, 413, too_large_detail())
    default = {
        400: _("Yêu cầu không hợp lệ."),
        403: _("Đồng chí không có quyền làm việc này."),
        404: _("Không tìm thấy."),
        500: _("Máy chủ gặp lỗi; lỗi đã được ghi lại. Báo quản trị hệ thống kèm mã yêu cầu."),
    }[status]
    return json_error(request, status, detail or default)


class ApiBodyLimitMiddleware:
    """Refuses (413, JSON) an API request whose declared body is over
    DATA_UPLOAD_MAX_MEMORY_SIZE before anything reads it. Django checks that limit only when
    it reads the body itself; DRF's JSON parser reads the stream directly, so without this a
    JSON body of any size would be read into memory. Multipart bodies carry the uploads, which
    have their own limits (UPLOAD_MAX_BYTES); Django's parser checks their other fields."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if (
            limit is not None
            and is_api(request)
            and self._declared(request) > limit
            and not request.content_type.startswith("multipart/")
        ):
            return json_error(request, 413, too_large_detail())
        return self.get_response(request)

    @staticmethod
    def _declared(request: HttpRequest) -> int:
        try:
            return int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 0
