"""Paths of detail pages, reversed once per view and filled per row.

A list of fifty rows reversed the same pattern fifty times (``{% url 'members:detail' m.pk %}``
costs about as much as the rest of a row, issue 13). The path is reversed once, with a pk no
page has, and the real pk put in its place; the cache is keyed by what reverse() reads besides
the view (the script prefix, the request's urlconf), so a change of either reverses again.
"""

from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# A pk no page has, reversed in its place and then swapped for the real one.
_PK_MARK = 918273645546372819
_templates: dict[tuple[Any, ...], tuple[str, str]] = {}


def pk_path(view: str, pk: Any) -> str:
    """reverse(view, args=[pk]) for a view whose only argument is an integer pk."""
    key = (view, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    parts = _templates.get(key)
    if parts is None:
        before, _mark, after = reverse(view, args=[_PK_MARK]).partition(str(_PK_MARK))
        parts = _templates[key] = (before, after)
    return f"{parts[0]}{int(pk)}{parts[1]}"
