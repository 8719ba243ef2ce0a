"""Signing in: Django's model backend, the signed-in user read with their member."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ModelBackendWithMember(ModelBackend):
    """Every page names the signed-in person by their member name (base.html); reading the
    member with the user keeps that from costing a query per page."""

    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        user = model._default_manager.select_related("member").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
