"""The project's URLs plus Django's login/logout, which base.html links to: this app's
pages render in tests even on a branch where the pages app (which owns them) is absent."""

from django.urls import include, path

from hatnhan.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("accounts/", include("django.contrib.auth.urls")),
]
