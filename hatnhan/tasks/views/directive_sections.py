"""The tasks on the directive and focus-issue pages (registered in hatnhan.directives.sections
from apps.py): the tasks serving it, their roll-up, and the same rows as an Excel export."""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from hatnhan.core.pagination import paginate
from hatnhan.directives.models import Directive, FocusIssue

from .. import selectors
from ..models import Task
from ..xlsx import tasks_workbook_response
from .common import _wants_xlsx


def directive_tasks(request: HttpRequest, directive: Directive) -> dict[str, Any] | HttpResponse:
    # Each task once, however many of its focus issue's directives match.
    serving = Task.objects.filter(
        Q(directive_id=directive.pk) | Q(focus_issue__directives=directive.pk)
    ).values("pk")
    tasks = selectors.task_list(request.user).filter(pk__in=serving)
    counted = selectors.visible_tasks(request.user).filter(pk__in=serving)
    if _wants_xlsx(request):
        return tasks_workbook_response(tasks, title=str(directive))
    return {"tasks": tasks[:100], "rollup": selectors.rollup(counted)}


def focus_issue_tasks(request: HttpRequest, issue: FocusIssue) -> dict[str, Any] | HttpResponse:
    today = timezone.localdate()
    tasks, rollup = selectors.focus_issue_rollup(request.user, issue.pk, today=today)
    if _wants_xlsx(request):
        return tasks_workbook_response(tasks, title=issue.title[:60], today=today)
    return {"page": paginate(request, tasks), "rollup": rollup, "today": today}
