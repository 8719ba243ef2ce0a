"""Pages of directives, year themes, resolutions and focus issues (document downloads are in
urls_files.py)."""

from django.urls import path

from . import views

app_name = "directives"

urlpatterns = [
    path("directives/", views.directive_list, name="list"),
    path("directives/new/", views.directive_create, name="create"),
    path("directives/themes/new/", views.year_theme_create, name="theme-create"),
    path("directives/themes/<int:year_theme_id>/", views.year_theme_detail, name="theme"),
    path("directives/themes/<int:year_theme_id>/edit/", views.year_theme_edit, name="theme-edit"),
    path("directives/<int:directive_id>/", views.directive_detail, name="detail"),
    path("directives/<int:directive_id>/edit/", views.directive_edit, name="edit"),
    path("resolutions/", views.resolution_list, name="resolutions"),
    path("resolutions/new/", views.resolution_create, name="resolution-create"),
    path("resolutions/<int:resolution_id>/", views.resolution_detail, name="resolution-detail"),
    path("resolutions/<int:resolution_id>/edit/", views.resolution_edit, name="resolution-edit"),
    path(
        "resolutions/<int:resolution_id>/focus-issues/new/",
        views.focus_issue_create,
        name="focus-issue-create",
    ),
    path("focus-issues/pick/", views.focus_issue_pick, name="focus-issue-pick"),
    path("focus-issues/<int:focus_issue_id>/", views.focus_issue_detail, name="focus-issue"),
    path(
        "focus-issues/<int:focus_issue_id>/edit/",
        views.focus_issue_edit,
        name="focus-issue-edit",
    ),
]
