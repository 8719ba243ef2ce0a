from django.urls import include, path

from hatnhan.core.views import healthz
from hatnhan.portal import views as portal_views

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("healthz/", healthz, name="healthz"),
    path("", include("hatnhan.portal.urls")),
    path("accounts/", include("hatnhan.accounts.urls")),
    path("users/", include("hatnhan.accounts.urls_admin")),
    path("organizations/", include("hatnhan.organizations.urls")),
    path("settings/holidays/", include("hatnhan.organizations.urls_holidays")),
    path("members/", include("hatnhan.members.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("exchange/", include("hatnhan.exchange.urls")),
    path("", include("hatnhan.api.urls")),
    path("files/", include("hatnhan.directives.urls_files")),
    path("files/", include("hatnhan.tasks.urls_files")),
    path("files/", include("hatnhan.briefings.urls_files")),
    path("tasks/", include("hatnhan.tasks.urls")),
    path("briefings/", include("hatnhan.briefings.urls")),
    path("files/", include("hatnhan.meetings.urls_files")),
    path("meetings/", include("hatnhan.meetings.urls")),
    path("files/", include("hatnhan.inspections.urls_files")),
    path("inspections/", include("hatnhan.inspections.urls")),
    path("discipline/", include("hatnhan.discipline.urls")),
    path("feedback/", include("hatnhan.feedback.urls")),
    path("api/public/feedback/", include("hatnhan.feedback.urls_public_api")),
    path("", include("hatnhan.directives.urls")),
    path("meetings/", include("hatnhan.meetings.urls_word")),
    path("votes/", include("hatnhan.votes.urls")),
    path("evaluations/", include("hatnhan.evaluations.urls")),
    path("dashboards/", include("hatnhan.dashboards.urls")),
]

# Error pages in Vietnamese inside the site's layout (500: a page that needs no database);
# under /api/, JSON (hatnhan.api.errors).
handler400 = "hatnhan.portal.errors.bad_request"
handler403 = "hatnhan.portal.errors.permission_denied"
handler404 = "hatnhan.portal.errors.page_not_found"
handler500 = "hatnhan.portal.errors.server_error"
