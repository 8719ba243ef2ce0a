from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views

from .selectors import demo_accounts


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Only a demo installation lists its accounts (all with the password "demo").
        context["demo_accounts"] = demo_accounts() if settings.DEMO_MODE else []
        return context
