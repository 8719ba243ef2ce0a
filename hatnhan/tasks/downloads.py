"""Evidence files, served only to those who may see the task."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from hatnhan.core.downloads import restricted_file

from .models import Evidence


@login_required
@require_GET
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    return restricted_file(request, Evidence.objects.all(), evidence_id)
