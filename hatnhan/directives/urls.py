"""Pages of directives, year themes, resolutions and focus issues (document downloads are in
urls_files.py)."""

from django.urls import path

from . import views

app_name = "directives"

urlpatterns = [
    path("directives/", views.directive_list, name="list"),
    path("directives/new/", views.directive_create, name="create"),
    path("directives/themes/new/", views.year_theme_create, name="theme-create"),
    path("directives/<int:directive_id>/", views.directive_detail, name="detail"),
    path("resolutions/", views.resolution_list, name="resolutions"),
    path("resolutions/new/", views.resolution_create, name="resolution-create"),
    path("resolutions/<int:resolution_id>/", views.resolution_detail, name="resolution-detail"),
    path(
        "resolutions/<int:resolution_id>/focus-issues/new/",
        views.focus_issue_create,
        name="focus-issue-create",
    ),
    path("focus-issues/<int:focus_issue_id>/", views.focus_issue_detail, name="focus-issue"),
]
