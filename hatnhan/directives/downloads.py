"""Serving stored documents: only through the restriction, never by their storage path."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from hatnhan.core.restrict import VIEW

from .files import content_type
from .models import Directive, Resolution

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


@login_required
@require_GET
def directive_file(request: HttpRequest, directive_id: int) -> FileResponse:
    directive = get_object_or_404(Directive.objects.restrict(request.user, VIEW), pk=directive_id)
    return file_response(
        request, file=directive.file, name=directive.file_name, kind=directive.file_kind
    )


@login_required
@require_GET
def resolution_file(request: HttpRequest, resolution_id: int) -> FileResponse:
    resolution = get_object_or_404(
        Resolution.objects.restrict(request.user, VIEW), pk=resolution_id
    )
    return file_response(
        request, file=resolution.file, name=resolution.file_name, kind=resolution.file_kind
    )
