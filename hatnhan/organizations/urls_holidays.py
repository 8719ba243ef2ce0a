"""The holiday calendar: /settings/holidays/… (namespace "holidays")."""

from django.urls import path

from . import views_holidays as views

app_name = "holidays"

urlpatterns = [
    path("", views.holiday_list, name="list"),
    path("new/", views.holiday_create, name="create"),
    path("<int:holiday_id>/edit/", views.holiday_edit, name="edit"),
    path("<int:holiday_id>/remove/", views.holiday_remove, name="remove"),
]
