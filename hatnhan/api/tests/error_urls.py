"""The real site plus API views that fail in each way, for the JSON error tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_protect
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from hatnhan.urls import handler400, handler403, handler404, handler500  # noqa: F401 (the urlconf's)


@api_view(["GET"])
@permission_classes([AllowAny])
def crash(request: Request) -> Response:
    raise RuntimeError("secret internal detail")


def plain_crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret internal detail")


@csrf_protect
def form(request: HttpRequest) -> HttpResponse:
    return HttpResponse("saved")


@csrf_protect
def read_form(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(len(request.POST)))


urlpatterns = [
    path("api/boom/drf/", crash),
    path("api/boom/plain/", plain_crash),
    path("api/boom/form/", form),
    path("boom/plain/", plain_crash),
    path("", include("hatnhan.urls")),
]
