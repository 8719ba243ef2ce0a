"""Pages of cell meetings (document downloads are in urls_files.py)."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("generate/", views.meeting_generate, name="generate"),
    path(
        "organizations/<int:organization_id>/",
        views.organization_calendar,
        name="organization",
    ),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/edit/", views.meeting_edit, name="edit"),
    path("<int:meeting_id>/invite/", views.meeting_invite, name="invite"),
    path("<int:meeting_id>/calendar.ics", views.meeting_ics, name="ics"),
    path("<int:meeting_id>/documents/", views.document_add, name="document-add"),
    path("<int:meeting_id>/attendance/", views.attendance_record, name="attendance"),
    path("<int:meeting_id>/screen/", views.checkin_screen, name="screen"),
    path("<int:meeting_id>/check-in/", views.check_in, name="check-in"),
    path("<int:meeting_id>/times/", views.times_record, name="times"),
    path("<int:meeting_id>/minutes/", views.minutes_edit, name="minutes"),
    path("<int:meeting_id>/speeches/", views.speech_add, name="speech"),
    path("<int:meeting_id>/review/", views.review_previous, name="review"),
    path("<int:meeting_id>/resolution/", views.resolution_adopt, name="resolution"),
    path("<int:meeting_id>/close/", views.meeting_close, name="close"),
    path("<int:meeting_id>/correct/", views.meeting_correct, name="correct"),
    path("<int:meeting_id>/assess/", views.meeting_assess, name="assess"),
    path(
        "assessments/<int:assessment_id>/confirm/",
        views.assessment_confirm,
        name="confirm",
    ),
]
