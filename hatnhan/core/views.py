"""Views and view helpers every app shares.

The liveness probe answers without the database, the session or a template: a load balancer
or systemd watchdog polls it, and the benchmarks use it as the bare baseline that every
page's figures are set against in the same run (docs/benchmarks.md)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseClientRedirect


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def saved(request: HttpRequest, url: str) -> HttpResponse:
    """After a write: to the record's page (htmx posted the form: have it load that page)."""
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    template: str,
    title: str,
    back: str,
    subtitle: str = "",
    **extra: Any,
) -> HttpResponse:
    """A form on a page of its own (the record apps' create and edit pages); `extra` adds to
    or overrides the context (`multipart` for files the form itself does not hold)."""
    context = {
        "form": form,
        "title": title,
        "subtitle": subtitle,
        "back": back,
        "multipart": form.is_multipart(),
    }
    return render(request, template, context | extra)
