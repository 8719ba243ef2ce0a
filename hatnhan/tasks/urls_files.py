"""Evidence downloads (kept apart from the pages' urls.py; both are included at the root)."""

from django.urls import path

from . import downloads

app_name = "task_files"

urlpatterns = [
    path("evidence/<int:evidence_id>/", downloads.evidence_download, name="evidence"),
]
