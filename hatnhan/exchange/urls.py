from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("import/", views.import_members, name="import-members"),
    path("import/<int:batch_id>/", views.batch_detail, name="batch"),
    path("import/<int:batch_id>/progress/", views.batch_progress, name="batch-progress"),
    path("import/<int:batch_id>/confirm/", views.batch_confirm, name="batch-confirm"),
    path("import/<int:batch_id>/cancel/", views.batch_cancel, name="batch-cancel"),
    path("template.xlsx", views.template, name="template"),
    path("members.xlsx", views.export_members, name="export-members"),
    path("organizations.xlsx", views.export_organizations, name="export-organizations"),
    path("seats.xlsx", views.export_seats, name="export-seats"),
    path("exports/<int:job_id>/", views.export_job, name="export-job"),
    path("exports/<int:job_id>/progress/", views.export_job_progress, name="export-progress"),
    path("exports/<int:job_id>/file/", views.export_job_file, name="export-file"),
]
