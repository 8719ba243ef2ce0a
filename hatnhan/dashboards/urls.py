"""Pages of the dashboards and scorecards."""

from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.bloc, name="bloc"),
    path("me/", views.mine, name="mine"),
    path("organizations/<int:organization_id>/", views.organization, name="organization"),
    path("organizations/<int:organization_id>/drill/<slug:key>/", views.drill, name="drill"),
    path("heads/<int:member_id>/", views.head, name="head"),
    path("members/<int:member_id>/", views.member, name="member"),
]
