"""Pages of citizens' reports: the public ones (no account) and the handlers'."""

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("public/", views.public_index, name="public-index"),
    path("public/follow/", views.public_follow, name="public-follow"),
    path("public/stats/", views.public_stats, name="public-stats"),
    path("public/<str:organization_ref>/", views.public_report, name="public-report"),
    path("public/<str:organization_ref>/stats/", views.public_stats, name="public-agency-stats"),
    path("", views.board, name="board"),
    path("export.xlsx", views.export, name="export"),
    path("custody/", views.custody_list, name="custody"),
    path("custody/<int:identity_request_id>/", views.custody_decide, name="custody-decide"),
    path("files/<int:feedback_file_id>/", views.file_download, name="file"),
    path("<int:report_id>/", views.report, name="report"),
    path("<int:report_id>/verify/", views.verify, name="verify"),
    path("<int:report_id>/triage/", views.triage, name="triage"),
    path("<int:report_id>/answer/", views.answer, name="answer"),
    path("<int:report_id>/task/", views.to_task, name="task"),
    path("<int:report_id>/case/", views.to_case, name="case"),
    path("<int:report_id>/close/", views.close, name="close"),
    path("<int:report_id>/identity/request/", views.identity_request, name="identity-request"),
    path("<int:report_id>/identity/", views.identity, name="identity"),
]
