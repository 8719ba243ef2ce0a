"""A urlconf for the walker's own tests: the real site plus pages done right and wrong."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path, re_path

from hatnhan.core.restrict import VIEW
from hatnhan.members.models import Member


@login_required
def restricted(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member.objects.restrict(request.user, VIEW), pk=member_id)
    return HttpResponse(member.full_name)


@login_required
def leaky(request: HttpRequest, member_id: str) -> HttpResponse:
    return HttpResponse(Member.objects.get(pk=member_id).full_name)


def public(request: HttpRequest) -> HttpResponse:
    return HttpResponse("anyone")


pages = (
    [
        path("<int:member_id>/", restricted, name="restricted"),
        re_path(r"^leaky/(?P<member_id>\d+)/$", leaky, name="leaky"),
        path("public/", public, name="public"),
    ],
    "fake",
)

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("fake/", include(pages)),
    path("", include("hatnhan.urls")),
]
