"""Test helpers for API tests in every app."""

from typing import Any

from rest_framework.test import APIClient


def api_client(user: Any | None = None) -> APIClient:
    """A client signed in with a session as `user` (anonymous when None), asking for JSON."""
    client = APIClient(HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="vi")
    if user is not None:
        client.force_login(user)
    return client
