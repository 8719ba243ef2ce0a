"""Test helpers shared by every app: races between two real database connections, an API
client, and the check that a refused write wrote nothing."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import close_old_connections, connection
from django.test import Client
from rest_framework.test import APIClient


def run_concurrently(*calls: Callable[[], Any], timeout: float = 30) -> list[Any]:
    """Run each call in its own thread, so each holds its own database connection, released
    together by a barrier; return each call's result or the exception it raised, in order.

    Use it from a `@pytest.mark.django_db(transaction=True)` test: the threads must see
    committed data, and each commits (or rolls back) on its own connection. On SQLite the
    second writer waits for the first (IMMEDIATE transactions), on PostgreSQL the rows'
    locks decide: both are the behaviour under test."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout)
            results[i] = call()
        except BaseException as exc:  # the test inspects it
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    close_old_connections()
    return results


# The session key hatnhan.accounts.mfa reads (core names no app above it: the value is the
# contract, as settings.AUTH_USER_MODEL is).
MFA_VERIFIED_SESSION_KEY = "hatnhan_mfa_verified"


def install_verified_force_login() -> None:
    """Make `Client.force_login` (and so `api_client`) sign in as if the second factor had been
    given too: tests of everything but sign-in itself need not enroll every account. Sign-in is
    tested through the login page, where the password and the code are asked for real.
    (`Client.login` does not work with django-axes, which needs the request: post to the
    login page instead.)"""
    if getattr(Client._login, "_verified", False):
        return
    original = Client._login

    def _login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        session = self.session
        session[MFA_VERIFIED_SESSION_KEY] = True
        session.save()

    _login._verified = True  # type: ignore[attr-defined]
    Client._login = _login  # type: ignore[method-assign]


def api_client(user: Any | None = None) -> APIClient:
    """A client signed in with a session as `user` (anonymous when None), asking for JSON."""
    client = APIClient(HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="vi")
    if user is not None:
        client.force_login(user)
    return client


def _row_counts() -> dict[str, int]:
    # Sessions are the sign-in's bookkeeping, not the record: a client signing in while a
    # refusal is tested writes one, and that is no write of the refused operation.
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("hatnhan.") and not issubclass(model, AbstractBaseSession)
    }


@contextmanager
def writes_nothing() -> Iterator[None]:
    """Fail unless the block leaves every hatnhan table with as many rows as before. Every
    change is audited, so a refused write that changed a row would have added an event too:
    a refusal that answered the right status but wrote half of its work fails here."""
    before = _row_counts()
    yield
    after = _row_counts()
    changed = {label: (n, after[label]) for label, n in before.items() if after[label] != n}
    assert not changed, f"rows written (table: before, after): {changed}"
