"""What the task pages share: limits, the task's history, where to go after a POST."""

from typing import Any

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from hatnhan.audit.selectors import history_for, readable_history, register_actions

from .. import selectors
from ..models import Task
from ..templatetags.task_pages import ACTION_LABELS

# How many days ahead "due soon" looks on "My tasks".
DUE_SOON_DAYS = 7
AUDIT_LIMIT = 100
NOTIFICATION_LIMIT = 200

# The task actions' labels in every history that shows them.
register_actions(ACTION_LABELS)


def _history_context(task: Task, user: Any) -> dict[str, Any]:
    """The task's audit trail, as the user may read it, through the shared history component
    (its labels and before → after table)."""
    events = list(history_for(task, user)[:AUDIT_LIMIT])
    return {"entries": readable_history(events), "audit_count": len(events)}


def _next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a POST: the page it came from when that is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("format") == "xlsx"


def _refresh(task: Task) -> Task:
    """The task again with what a list row shows (after a write changed it)."""
    return selectors.with_list_data(Task.objects.filter(pk=task.pk)).get()
