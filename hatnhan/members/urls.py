from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("pick/<slug:source>/", views.pick, name="pick"),
    path("new/", views.create, name="create"),
    path("<int:member_id>/", views.detail, name="detail"),
    path("<int:member_id>/edit/", views.edit, name="edit"),
    path("<int:member_id>/transfer/", views.transfer, name="transfer"),
    path("seats/new/<int:organization_id>/", views.seat_create, name="seat-create"),
    path("seats/<int:seat_id>/edit/", views.seat_edit, name="seat-edit"),
]
