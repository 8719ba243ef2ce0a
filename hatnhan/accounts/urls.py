"""Sign in and out. No app_name: the names "login" and "logout" are the project's contract
(settings.LOGIN_URL, base.html)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views_admin
from .views import LoginView

urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The user's own password, and "confirm your password" before a sensitive change.
    path("password/", views_admin.password_change, name="password-change"),
    path("confirm/", views_admin.confirm_identity, name="reauth"),
]
