"""Pages of the dashboards and scorecards."""

from django.urls import path

from . import outputs, views

app_name = "dashboards"

urlpatterns = [
    path("", views.bloc, name="bloc"),
    path("me/", views.mine, name="mine"),
    path("organizations/<int:organization_id>/", views.organization, name="organization"),
    path("organizations/<int:organization_id>/drill/<slug:key>/", views.drill, name="drill"),
    path("heads/<int:member_id>/", views.head, name="head"),
    path("members/<int:member_id>/", views.member, name="member"),
    # The scorecards' printable page and files (outputs.py)
    path(
        "organizations/<int:organization_id>/print/",
        outputs.organization_print,
        name="organization-print",
    ),
    path(
        "organizations/<int:organization_id>/scorecard.xlsx",
        outputs.organization_xlsx,
        name="organization-xlsx",
    ),
    path(
        "organizations/<int:organization_id>/scorecard.docx",
        outputs.organization_docx,
        name="organization-docx",
    ),
    path("heads/<int:member_id>/scorecard.xlsx", outputs.head_xlsx, name="head-xlsx"),
    path("heads/<int:member_id>/scorecard.docx", outputs.head_docx, name="head-docx"),
    path("members/<int:member_id>/scorecard.xlsx", outputs.member_xlsx, name="member-xlsx"),
    path("members/<int:member_id>/scorecard.docx", outputs.member_docx, name="member-docx"),
]
