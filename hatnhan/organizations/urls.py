from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:organization_id>/", views.detail, name="detail"),
    path("<int:organization_id>/children/", views.tree_children, name="tree-children"),
    path("<int:organization_id>/new/", views.create, name="create"),
    path("<int:organization_id>/edit/", views.edit, name="edit"),
    path("<int:organization_id>/terms/new/", views.term_create, name="term-create"),
    path("terms/<int:term_id>/edit/", views.term_edit, name="term-edit"),
]
