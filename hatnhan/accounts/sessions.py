"""The session engine (settings.SESSION_ENGINE): Django's database sessions, each row
stamped with its user's id (accounts.models.AccountSession), so that ending an account's
sessions is one query (accounts.services.end_sessions)."""

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import models

from hatnhan.core.filters import id_or_none


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[models.Model]:
        from .models import AccountSession

        return AccountSession

    def create_model_instance(self, data: dict[str, Any]) -> models.Model:
        obj = super().create_model_instance(data)
        obj.user_id = id_or_none(data.get(SESSION_KEY))
        return obj
