from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from hatnhan.directives.api import (
    DirectiveViewSet,
    FocusIssueViewSet,
    ResolutionViewSet,
    YearThemeViewSet,
)
from hatnhan.tasks.api import NotificationViewSet, TaskViewSet

router = DefaultRouter()
# Each app registers its viewsets in its own api.py; see register_all below.
router.register("directives", DirectiveViewSet, basename="directive")
router.register("year-themes", YearThemeViewSet, basename="year-theme")
router.register("resolutions", ResolutionViewSet, basename="resolution")
router.register("focus-issues", FocusIssueViewSet, basename="focus-issue")
router.register("tasks", TaskViewSet, basename="task")
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
