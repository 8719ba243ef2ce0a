"""Inspection file downloads (kept apart from the pages' urls.py; both are included)."""

from django.urls import path

from . import views

app_name = "inspection_files"

urlpatterns = [
    path("inspections/evidence/<int:finding_file_id>/", views.evidence_download, name="evidence"),
    path("inspections/entries/<int:case_entry_id>/", views.entry_download, name="entry"),
]
