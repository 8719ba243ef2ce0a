"""The liveness probe: the server answers without the database, the session or a template.

A load balancer or systemd watchdog polls it, and the benchmarks use it as the bare baseline
that every page's figures are set against in the same run (docs/benchmarks.md)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
