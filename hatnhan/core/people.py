"""How a person is named on every page: by the member the account belongs to, never by a
login name where a member is linked (the login name only for accounts without a member)."""

from typing import Any


def person_name(user: Any) -> str:
    """The member's full name for a linked account, else the login name; "" for nobody.

    Callers that list many people select_related("member") (or "…__member") first, so that
    naming a person costs no query."""
    if user is None:
        return ""
    member = getattr(user, "member", None)
    if member is not None and getattr(member, "full_name", ""):
        return member.full_name
    getter = getattr(user, "get_username", None)
    return getter() if callable(getter) else str(user)


def name_of(member_name: str | None, login: str | None) -> str:
    """:func:`person_name` from two columns read in the query (the account's member's full
    name, its login name), for lists that annotate names instead of joining whole rows."""
    return member_name or login or ""
