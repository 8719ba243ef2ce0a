"""Downloads of directive and resolution documents (served by core.downloads, through the
restriction)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from hatnhan.core.downloads import restricted_file

from .models import Directive, Resolution


@login_required
@require_GET
def directive_file(request: HttpRequest, directive_id: int) -> FileResponse:
    return restricted_file(request, Directive.objects.all(), directive_id)


@login_required
@require_GET
def resolution_file(request: HttpRequest, resolution_id: int) -> FileResponse:
    return restricted_file(request, Resolution.objects.all(), resolution_id)
