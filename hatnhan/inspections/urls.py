"""Pages of inspection and supervision (file downloads are in urls_files.py)."""

from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("", views.board, name="board"),
    path("programs/", views.program_list, name="programs"),
    path("programs/new/", views.program_create, name="program-create"),
    path("programs/<int:program_id>/", views.program_detail, name="program"),
    path("programs/<int:program_id>/items/new/", views.item_create, name="item-create"),
    path("items/<int:program_item_id>/open/", views.case_from_item, name="item-open"),
    path("cases/", views.case_list, name="cases"),
    path("cases/new/", views.case_create, name="case-create"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/step/", views.case_step, name="case-step"),
    path("cases/<int:case_id>/skip/", views.case_skip, name="case-skip"),
    path("cases/<int:case_id>/entries/new/", views.entry_create, name="entry-create"),
    path("cases/<int:case_id>/findings/new/", views.finding_create, name="finding-create"),
    path("cases/<int:case_id>/rechecks/new/", views.recheck_create, name="recheck-create"),
    path("cases/<int:case_id>/spot-checks/new/", views.spot_check_create, name="spot-check-create"),
    path("cases/<int:case_id>/decision.docx", views.decision_docx, name="decision-docx"),
    path("cases/<int:case_id>/conclusion.docx", views.conclusion_docx, name="conclusion-docx"),
    path("cases/<int:case_id>/reads/", views.read_log, name="reads"),
    path("findings/<int:finding_id>/recommend/", views.recommend, name="recommend"),
    path("rechecks/<int:recheck_id>/done/", views.recheck_done, name="recheck-done"),
    path("spot-results/<int:spot_result_id>/finding/", views.spot_finding, name="spot-finding"),
    path("subject/", views.subject_list, name="subject-list"),
    path("subject/<int:case_id>/", views.subject_detail, name="subject"),
    path(
        "subject/<int:case_id>/conclusion.docx",
        views.subject_conclusion_docx,
        name="subject-conclusion-docx",
    ),
]
