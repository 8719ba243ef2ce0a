"""The meeting's Word documents (minutes and resolution); included under /meetings/ without
a namespace of their own, so the meetings pages' urls.py may take them in as they are."""

from django.urls import path

from . import views_word

urlpatterns = [
    path("<int:meeting_id>/minutes.docx", views_word.minutes_docx, name="meeting-minutes-docx"),
    path(
        "<int:meeting_id>/resolution.docx",
        views_word.resolution_docx,
        name="meeting-resolution-docx",
    ),
]
