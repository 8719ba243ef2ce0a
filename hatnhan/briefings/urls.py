"""Briefing pages (file downloads are in urls_files.py)."""

from django.urls import path

from . import views

app_name = "briefings"

urlpatterns = [
    path("", views.briefing_list, name="list"),
    path("duties/new/", views.duty_create, name="duty-create"),
    path("duties/<int:duty_id>/", views.duty_detail, name="duty"),
    path("duties/<int:duty_id>/edit/", views.duty_edit, name="duty-edit"),
    path("duties/<int:duty_id>/file/", views.file_briefing, name="file"),
    path("duties/<int:duty_id>/request/", views.request_briefing, name="request"),
    path("<int:briefing_id>/", views.briefing_detail, name="detail"),
    path("<int:briefing_id>/submit/", views.submit_requested, name="submit"),
    path("<int:briefing_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("conclusions/<int:conclusion_id>/task/", views.conclusion_task, name="conclusion-task"),
]
