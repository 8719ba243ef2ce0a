"""Pages of votes at meetings."""

from django.urls import path

from . import views

app_name = "votes"

urlpatterns = [
    path("", views.vote_list, name="list"),
    path("meetings/<int:meeting_id>/", views.meeting_votes, name="meeting"),
    path("meetings/<int:meeting_id>/new/", views.vote_create, name="create"),
    path("<int:vote_id>/", views.vote_detail, name="detail"),
    path("<int:vote_id>/status/", views.vote_status, name="status"),
    path("<int:vote_id>/ballot/", views.cast, name="cast"),
    path("<int:vote_id>/close/", views.close, name="close"),
]
