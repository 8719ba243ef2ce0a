"""Account administration: /users/… (namespace "accounts")."""

from django.urls import path

from . import views_admin as views
from . import views_mfa

app_name = "accounts"

urlpatterns = [
    path("", views.account_list, name="list"),
    path("new/", views.account_create, name="create"),
    path("<int:user_id>/", views.account_detail, name="detail"),
    path("<int:user_id>/roles/new/", views.role_grant, name="role-grant"),
    path("roles/<int:role_id>/revoke/", views.role_revoke, name="role-revoke"),
    path("<int:user_id>/deactivate/", views.account_deactivate, name="deactivate"),
    path("<int:user_id>/reactivate/", views.account_reactivate, name="reactivate"),
    path("<int:user_id>/reset-password/", views.password_reset, name="password-reset"),
    path("<int:user_id>/reset-2fa/", views_mfa.mfa_reset, name="mfa-reset"),
    path("<int:user_id>/unlock/", views_mfa.unlock, name="unlock"),
]
