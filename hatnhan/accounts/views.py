from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import mfa
from .selectors import demo_accounts


class LoginView(auth_views.LoginView):
    """The password, the first step. A user with an authenticator is then asked its code; one
    whose role requires it and who has none is sent to enroll (hatnhan.accounts.mfa)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Only a demo installation lists its accounts (all with the password "demo").
        context["demo_accounts"] = demo_accounts() if settings.DEMO_MODE else []
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        mfa.forget_verification(self.request)
        step = mfa.needs_second_step(self.request)
        if step is None:
            mfa.mark_verified(self.request, None)
            return response
        name = "mfa-verify" if step == "verify" else "mfa-enroll"
        return redirect(reverse(name) + "?" + urlencode({"next": self.get_success_url()}))
