"""Pages of the year-end review."""

from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("new/", views.round_create, name="round-create"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/progress/", views.round_progress, name="round-progress"),
    path("rounds/<int:round_id>/compute/", views.round_compute, name="round-compute"),
    path("rounds/<int:round_id>/lock/", views.round_lock, name="round-lock"),
    path("rounds/<int:round_id>/reopen/", views.round_reopen, name="round-reopen"),
    path("rounds/<int:round_id>/watch/", views.round_watch, name="round-watch"),
    path("rounds/<int:round_id>/mau-01.docx", views.round_report_docx, name="round-docx"),
    path("rounds/<int:round_id>/levels.xlsx", views.round_levels_xlsx, name="round-xlsx"),
    path("rows/<int:evaluation_id>/", views.row_detail, name="row"),
    path("rows/<int:evaluation_id>/self/", views.row_self, name="row-self"),
    path("rows/<int:evaluation_id>/review/", views.row_review, name="row-review"),
    path("rows/<int:evaluation_id>/meeting/", views.row_meeting, name="row-meeting"),
    path("rows/<int:evaluation_id>/decide/", views.row_decide, name="row-decide"),
    path("rows/<int:evaluation_id>/self.docx", views.row_self_docx, name="row-docx"),
    path("rulebooks/<slug:code>/", views.rulebook_detail, name="rulebook"),
]
