"""Briefing file downloads (kept apart from the pages' urls.py; both are included)."""

from django.urls import path

from . import downloads

app_name = "briefing_files"

urlpatterns = [
    path("briefings/<int:briefing_file_id>/", downloads.briefing_file, name="file"),
]
