"""Serving stored files, for every app: only through the restriction, never by their storage
path (the proxy never serves MEDIA_ROOT; docs/production.md)."""

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .restrict import VIEW, restrict
from .uploads import content_type

INLINE_KINDS = frozenset({"png", "jpeg", "gif", "webp"})


def file_response(request: HttpRequest, *, file: Any, name: str, kind: str) -> FileResponse:
    """The file with its sniffed content type; photos inline (thumbnails), everything else
    as a download, never rendered by the browser as a page of this site. The file name goes
    through Django's RFC 6266/5987 encoding, so no header injection."""
    if not file:
        raise Http404("Không có tệp.")
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    inline = kind in INLINE_KINDS and request.GET.get("download") != "1"
    response = FileResponse(
        handle, as_attachment=not inline, filename=name or "tep", content_type=content_type(kind)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def restricted_file(request: HttpRequest, queryset: QuerySet[Any], pk: int) -> FileResponse:
    """The stored file of the object `pk` of `queryset` (its `file`, `file_name` and
    `file_kind`), if the user may VIEW it; 404 as if it did not exist otherwise."""
    obj = get_object_or_404(restrict(queryset, request.user, VIEW), pk=pk)
    return file_response(request, file=obj.file, name=obj.file_name, kind=obj.file_kind)
