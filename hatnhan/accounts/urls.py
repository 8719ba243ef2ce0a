"""Sign in and out. No app_name: the names "login" and "logout" are the project's contract
(settings.LOGIN_URL, base.html)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views_admin, views_mfa
from .views import LoginView

urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The user's own password, and "confirm your password" before a sensitive change.
    path("password/", views_admin.password_change, name="password-change"),
    path("confirm/", views_admin.confirm_identity, name="reauth"),
    # Two-factor sign-in: the code after the password, enrollment, the user's own page.
    path("2fa/", views_mfa.verify, name="mfa-verify"),
    path("2fa/setup/", views_mfa.enroll, name="mfa-enroll"),
    path("2fa/settings/", views_mfa.own_settings, name="mfa-settings"),
    path("2fa/recovery-codes/", views_mfa.recovery_codes, name="mfa-recovery-codes"),
]
