"""Briefing files, served only to those who may see the briefing."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from hatnhan.core.downloads import restricted_file

from .models import BriefingFile


@login_required
@require_GET
def briefing_file(request: HttpRequest, briefing_file_id: int) -> FileResponse:
    return restricted_file(request, BriefingFile.objects.all(), briefing_file_id)
