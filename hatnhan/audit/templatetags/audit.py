"""`{% object_history obj %}`: any page shows an object's audit trail in one line.

The caller has already read `obj` through restrict (the page would 404 otherwise); the
events themselves are read through it too, as the page's `user`."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.db.models import Model

from hatnhan.audit.selectors import ACTION_LABELS, history_for_many, readable_history

register = template.Library()

DEFAULT_LIMIT = 100


@register.inclusion_tag("audit/_history.html", takes_context=True)
def object_history(
    context: template.Context, *objs: Model | Iterable[Model], limit: int = DEFAULT_LIMIT
) -> dict[str, Any]:
    """One timeline for the given objects (or lists of objects), newest first: the events
    the page's user may read."""
    flat: list[Model] = []
    for obj in objs:
        if isinstance(obj, Model):
            flat.append(obj)
        elif obj is not None:
            flat.extend(obj)
    events = list(history_for_many(flat, context.get("user"))[: limit + 1])
    return {"entries": readable_history(events[:limit]), "truncated": len(events) > limit}


@register.filter
def action_label(action: str) -> str:
    """An audit action code ("member.update") in words."""
    return str(ACTION_LABELS.get(action, action))
