"""The real site plus views that fail in each way, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_protect

from hatnhan.urls import handler400, handler403, handler404, handler500  # noqa: F401 (the urlconf's)


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Chỉ bí thư được nghiệm thu nhiệm vụ này.")


def refuse_silently(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret internal detail")


@csrf_protect
def form(request: HttpRequest) -> HttpResponse:
    return HttpResponse("saved")


urlpatterns = [
    path("boom/refuse/", refuse),
    path("boom/refuse-silently/", refuse_silently),
    path("boom/crash/", boom),
    path("boom/form/", form),
    path("", include("hatnhan.urls")),
]
