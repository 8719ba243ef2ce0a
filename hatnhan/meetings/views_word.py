"""The meeting's Word documents as downloads (hatnhan/meetings/word.py builds them), read
through the restriction like the meeting page: an id out of reach answers 404."""

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from hatnhan.core.docx import docx_response, render
from hatnhan.core.restrict import VIEW

from . import word
from .models import Meeting


def documents_queryset(user) -> QuerySet[Meeting]:
    """The meetings `user` may read, with what both documents name (no query per part)."""
    return (
        Meeting.objects.restrict(user, VIEW)
        .select_related(
            "organization__parent", "chair", "minutes_taker", "minutes", "resolution__resolution"
        )
        .prefetch_related("resolution__resolution__focus_issues")
    )


def minutes_response(user, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(documents_queryset(user), pk=meeting_id)
    content = render(word.minutes_document(meeting))
    return docx_response(content, filename=word.file_name(meeting, "bien-ban"))


def resolution_response(user, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(documents_queryset(user), pk=meeting_id)
    content = render(word.resolution_document(meeting))
    return docx_response(content, filename=word.file_name(meeting, "nghi-quyet"))


@login_required
@require_GET
def minutes_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return minutes_response(request.user, meeting_id)


@login_required
@require_GET
def resolution_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return resolution_response(request.user, meeting_id)
