"""The public API of citizens' reports (no account; its own throttle scope)."""

from django.urls import path

from . import api_public

urlpatterns = [
    path("reports/", api_public.PublicReportView.as_view(), name="api-feedback-submit"),
    path("follow/", api_public.PublicFollowView.as_view(), name="api-feedback-follow"),
]
