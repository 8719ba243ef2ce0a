"""Template helpers of the task pages: the nav's unread count, due-date wording."""

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hatnhan.core.restrict import VIEW, reach

from .. import selectors

register = template.Library()


@register.simple_tag
def unread_notifications(user: Any) -> int:
    """Unread in-app notifications of the signed-in user (one COUNT query)."""
    return selectors.unread_count(user)


@register.simple_tag
def leads_any(user: Any) -> bool:
    """Whether the user sees some organization's tasks (not only their own)."""
    return bool(reach(user, VIEW))


@register.filter
def due_text(due: dt.date, today: dt.date | None = None) -> str:
    """'Quá hạn 3 ngày', 'Hôm nay', 'Còn 2 ngày' — the due date read at a glance."""
    today = today or timezone.localdate()
    days = (due - today).days
    if days < 0:
        return ngettext("Quá hạn %(n)d ngày", "Quá hạn %(n)d ngày", -days) % {"n": -days}
    if days == 0:
        return _("Hạn hôm nay")
    if days == 1:
        return _("Hạn ngày mai")
    return ngettext("Còn %(n)d ngày", "Còn %(n)d ngày", days) % {"n": days}


@register.filter
def days_left(due: dt.date, today: dt.date | None = None) -> int:
    """Days from today to the due date (negative when past)."""
    return (due - (today or timezone.localdate())).days
