"""The task lists: my tasks, the board (with bulk assignment), awaiting acceptance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hatnhan.core.filters import filter_list, refused
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, reach

from .. import selectors, services
from ..filters import TaskFilter, board_data
from ..forms import (
    AcceptForm,
    BulkAssignForm,
    board_choices,
    board_picker,
)
from ..xlsx import tasks_workbook_response
from .common import DUE_SOON_DAYS, _next_url, _wants_xlsx


# --- My tasks -------------------------------------------------------------------------------
@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    mine = selectors.my_tasks(request.user, today=today, soon_days=DUE_SOON_DAYS)
    if _wants_xlsx(request):
        rows = [*mine.overdue, *mine.due_soon, *mine.in_hand, *mine.awaiting_acceptance]
        return tasks_workbook_response(rows, title=_("Nhiệm vụ của tôi"), today=today)
    context = {
        "mine": mine,
        "today": today,
        "soon_days": DUE_SOON_DAYS,
        "has_member": bool(getattr(request.user, "member_id", None)),
        "can_lead": bool(reach(request.user, CHANGE)),
    }
    return render(request, "tasks/my_tasks.html", context)


# --- The board ------------------------------------------------------------------------------
@login_required
def board(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    data = board_data(request.GET)
    filterset, tasks = filter_list(
        TaskFilter, request, selectors.task_list(request.user), data, prepare=board_picker
    )
    if _wants_xlsx(request):
        if filterset.problems():
            return refused(request, filterset)
        return tasks_workbook_response(tasks, title=_("Bảng nhiệm vụ"), today=today)
    page = paginate(request, selectors.for_page(tasks))
    query = data.copy()
    query.pop("page", None)
    filters = filterset.form
    board_choices(filters, request.user)
    can_assign = bool(reach(request.user, CHANGE))
    bulk_form = None
    if can_assign and not filters.people_too_many:
        bulk_form = BulkAssignForm(
            user=request.user, organization=filters.cleaned_data.get("organization")
        ).for_display()
    context = {
        "filters": filters,
        "filter_problems": filterset.problems(),
        "page": page,
        "group": filterset.grouping,
        "today": today,
        "query": query.urlencode(),
        "can_assign": can_assign,
        "bulk_form": bulk_form,
    }
    if request.htmx and request.htmx.target == "board-results":
        return render(request, "tasks/board.html#results", context)
    return render(request, "tasks/board.html", context)


@login_required
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    form = BulkAssignForm(request.POST, user=request.user)
    back = _next_url(request, reverse("tasks:board"))
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(back)
    try:
        count = services.bulk_reassign(
            actor=request.user, tasks=form.cleaned_data["tasks"], owner=form.cleaned_data["owner"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Đã giao lại %(n)d nhiệm vụ cho %(owner)s.")
            % {"n": count, "owner": form.cleaned_data["owner"].full_name},
        )
    return redirect(back)


# --- Awaiting acceptance ----------------------------------------------------------------------
@login_required
def awaiting(request: HttpRequest) -> HttpResponse:
    # The board's filters narrow the queue too (?organization=…&q=…), export included.
    filterset, tasks = filter_list(TaskFilter, request, selectors.awaiting_acceptance(request.user))
    if _wants_xlsx(request):
        if filterset.problems():
            return refused(request, filterset)
        return tasks_workbook_response(tasks, title=_("Chờ nghiệm thu"))
    page = paginate(request, tasks)
    return render(
        request,
        "tasks/awaiting.html",
        {
            "page": page,
            "accept_form": AcceptForm(),
            "today": timezone.localdate(),
            "filter_problems": filterset.problems(),
        },
    )
