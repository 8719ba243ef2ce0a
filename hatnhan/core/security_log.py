"""The security log: sign-ins, failures, refusals — one JSON object a line, times in UTC.

JSON escapes every control character, so a user name such as "x\\nFAKE ENTRY" stays on its
line: nobody can write a line into this log by choosing what they type."""

import json
import logging
import time
from typing import Any

from django.conf import settings

logger = logging.getLogger("hatnhan.security")


class UTCFormatter(logging.Formatter):
    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"


def client_address(request: Any) -> str:
    """The client's address: behind nginx REMOTE_ADDR is nginx's own, and the client's comes
    in the header nginx sets (CLIENT_IP_HEADER) — trusted only when configured, or anyone
    could name any address and slip past the throttles."""
    meta = getattr(request, "META", {}) or {}
    header = settings.CLIENT_IP_HEADER
    return str((header and meta.get(header)) or meta.get("REMOTE_ADDR") or "")[:64]


def log_security_event(
    event: str, request: Any = None, *, level: int = logging.WARNING, **fields: Any
) -> None:
    record: dict[str, Any] = {"event": event}
    if request is not None:
        record["ip"] = client_address(request)
        record["path"] = str(getattr(request, "path", ""))[:300]
        # A DRF request authenticates on `.user`: read only what is already known, or a log
        # line written during authentication would authenticate again.
        user = getattr(request, "_user", None) or getattr(
            getattr(request, "_request", request), "user", None
        )
        if getattr(user, "is_authenticated", False) and "user" not in fields:
            record["user"] = user.get_username()
        request_id = getattr(request, "request_id", "")
        if request_id:
            record["request_id"] = request_id
    record.update(
        {k: (v if isinstance(v, int | float | bool) else str(v)[:300]) for k, v in fields.items()}
    )
    logger.log(level, json.dumps(record, ensure_ascii=False, sort_keys=True))


def on_signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        # The absolute lifetime counts from here (hatnhan.core.middleware).
        request.session["hatnhan_started"] = int(time.time())
        request.session["hatnhan_seen"] = int(time.time())
    log_security_event("login.succeeded", request, level=logging.INFO, user=user.get_username())


def on_sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    log_security_event("login.failed", request, user=credentials.get("username", ""))


def on_signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        log_security_event("logout", request, level=logging.INFO, user=user.get_username())
