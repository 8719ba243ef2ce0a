"""Evidence files, served only to those who may see the task."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from hatnhan.core.restrict import VIEW
from hatnhan.directives.downloads import file_response

from .models import Evidence


@login_required
@require_GET
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = get_object_or_404(Evidence.objects.restrict(request.user, VIEW), pk=evidence_id)
    return file_response(
        request, file=evidence.file, name=evidence.file_name, kind=evidence.file_kind
    )
