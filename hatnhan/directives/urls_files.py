"""Document downloads (kept apart from the pages' urls.py; both are included at the root)."""

from django.urls import path

from . import downloads

app_name = "directive_files"

urlpatterns = [
    path("directives/<int:directive_id>/file/", downloads.directive_file, name="directive"),
    path("resolutions/<int:resolution_id>/file/", downloads.resolution_file, name="resolution"),
]
