"""Pages of discipline decisions and of the state body's discipline."""

from django.urls import path

from . import views

app_name = "discipline"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_create, name="create"),
    path("<int:decision_id>/", views.decision_detail, name="detail"),
    path("<int:decision_id>/correct/", views.decision_correct, name="correct"),
    path("<int:decision_id>/document/", views.decision_word, name="document"),
    path("state/", views.state_list, name="state-list"),
    path("state/new/", views.state_create, name="state-create"),
    path("state/<int:state_discipline_id>/", views.state_detail, name="state"),
]
