"""Reads of safe requests on a PostgreSQL streaming replica, everything else on the primary.

Installed only when `DATABASE_REPLICA_URL` is set (hatnhan.settings): then `DATABASES` has a
second alias, `replica`, and `ReplicaRouter` is the one router. Without it nothing here runs
and every query goes to `default` as before.

Who decides what:
- `ReplicaReadsMiddleware` marks each request in a context variable (not a thread-local: under
  ASGI one thread serves many requests, and a context variable follows the request across
  `sync_to_async`). A GET/HEAD/OPTIONS request may read the replica; any other reads and
  writes the primary.
- `ReplicaRouter` routes each query by that mark. Writes, reads inside a transaction or
  `select_for_update` (Django routes those as writes), reads of a row fetched from the
  primary, the rest of a request after it wrote, and everything outside a request (commands,
  the worker, the test suite) go to the primary. So do authentication and authorization
  (`PRIMARY_ONLY_APPS`): a session just created, a role just withdrawn or a token just
  issued is never read from a copy that lags.
- Read-your-writes: a request that wrote (any non-safe method, or any write the router saw,
  which includes the audit events of the user's action) sets a signed cookie; for
  `DATABASE_REPLICA_STICKY_SECONDS` that browser's reads stay on the primary, whichever
  worker serves them. Other users read the replica meanwhile.
"""

import contextvars
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Sign-in, two-factor, sessions, roles, tokens, lockouts and the task queue: small reads whose
# staleness would be a security or correctness bug (a withdrawn role still honoured, a new
# session not found), so they are read where they are written.
PRIMARY_ONLY_APPS = frozenset(
    {
        "sessions",
        "auth",
        "accounts",
        "authtoken",
        "axes",
        "django_otp",
        "otp_totp",
        "otp_static",
        "django_tasks_database",
    }
)
# Writes that do not make a user's next page stale: the session's last-seen time is rewritten
# on plain GETs (core.middleware.SessionLifetimeMiddleware) and is read from the primary anyway;
# ContentType.objects.get_for_model asks for the write alias (get_or_create) to fill its cache.
NOT_STICKY_APPS = frozenset({"sessions", "contenttypes"})
STICKY_COOKIE = "hatnhan_primary"
STICKY_SALT = "hatnhan.core.routers.sticky"


@dataclass
class RequestRouting:
    """One request's routing: may its reads go to the replica, and has it written."""

    replica_reads: bool
    wrote: bool = False


current_routing: contextvars.ContextVar[RequestRouting | None] = contextvars.ContextVar(
    "current_routing", default=None
)


def replica_configured() -> bool:
    return REPLICA in connections.settings


def sticky_seconds() -> int:
    return int(getattr(settings, "DATABASE_REPLICA_STICKY_SECONDS", 10))


class ReplicaRouter:
    """Django's router API (docs: "Multiple databases", automatic routing)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        routing = current_routing.get()
        if routing is None or not routing.replica_reads or routing.wrote:
            # Once a GET has written (a notice marked read, a get_or_create), its own later
            # reads must see that row: the rest of the request reads the primary.
            return DEFAULT_DB_ALIAS
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            # A transaction reads what it is about to write on: the primary's current rows.
            return DEFAULT_DB_ALIAS
        instance = hints.get("instance")
        if instance is not None and instance._state.db == DEFAULT_DB_ALIAS:
            # Following a relation of a row read from the primary: the same snapshot.
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        routing = current_routing.get()
        if routing is not None and model._meta.app_label not in NOT_STICKY_APPS:
            routing.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # The replica is a copy of the primary: a row from either may point at one from the other.
        return True

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool:
        # Streaming replication copies the schema; a replica is read-only and refuses DDL.
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Marks the request for ReplicaRouter and keeps a writer's next reads on the primary.

    Without a replica alias it does nothing (no cookie, no mark)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        window = sticky_seconds()
        safe = request.method in SAFE_METHODS
        recent_writer = (
            request.get_signed_cookie(STICKY_COOKIE, default=None, salt=STICKY_SALT, max_age=window)
            is not None
        )
        routing = RequestRouting(replica_reads=safe and not recent_writer)
        token = current_routing.set(routing)
        try:
            response = self.get_response(request)
        finally:
            # A streamed body (a large export) is read after this: with no mark, its queries
            # go to the primary.
            current_routing.reset(token)
        if not safe or routing.wrote:
            # A fresh timestamp each time: the window runs from this browser's last write.
            response.set_signed_cookie(
                STICKY_COOKIE,
                str(int(time.time())),
                salt=STICKY_SALT,
                max_age=window,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def replica_lag_seconds() -> float | None:
    """How far the replica's replay is behind, in seconds (None: no replica configured).

    0 when it has replayed everything it received (an idle primary sends nothing, so "time
    since the last replayed transaction" alone would grow without any lag), and 0 for a
    replica alias that is not a standby (the test suite's mirror, a SQLite copy)."""
    if not replica_configured():
        return None
    connection = connections[REPLICA]
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
            " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
            " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
        )
        (lag,) = cursor.fetchone()
    return float(lag or 0)
