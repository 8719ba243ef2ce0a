"""The account page's "security" section: what other parts of the sign-in (two-factor state,
lockout after failed attempts) show about an account, without this page knowing them.

A part registers a function ``(request, account) -> dict | None``; the dict names the
``template`` to include and carries its context (the template reads it as ``section``).
Registered from the part's AppConfig.ready, like organizations.sections."""

from collections.abc import Callable
from typing import Any

SecuritySection = Callable[[Any, Any], dict[str, Any] | None]
SECURITY_SECTIONS: list[SecuritySection] = []


def register_security_section(section: SecuritySection) -> None:
    if section not in SECURITY_SECTIONS:
        SECURITY_SECTIONS.append(section)


def security_sections(request: Any, account: Any) -> list[dict[str, Any]]:
    return [shown for section in SECURITY_SECTIONS if (shown := section(request, account))]
