"""Meeting document downloads (kept apart from the pages' urls.py; both are included)."""

from django.urls import path

from . import views

app_name = "meeting_files"

urlpatterns = [
    path("meeting-documents/<int:document_id>/", views.document_download, name="document"),
]
