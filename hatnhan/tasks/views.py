"""Task pages. Thin: read through the selectors (which apply the restriction), write through
the services, and put a service's ValidationError back on the form it came from."""

import calendar as pycalendar
import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from hatnhan.audit.selectors import history_for, readable_history, register_actions
from hatnhan.core.filters import filter_list, id_or_none, refused
from hatnhan.core.forms import add_service_errors, write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, VIEW, reach
from hatnhan.directives.models import Directive, FocusIssue
from hatnhan.organizations.models import Organization

from . import selectors, services
from .filters import CalendarFilter, NotificationFilter, TaskFilter, board_data
from .forms import (
    AcceptForm,
    BulkAssignForm,
    CancelForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ProgressForm,
    TaskEditForm,
    TaskForm,
    board_choices,
)
from .models import Notification, Task, TaskStatus
from .templatetags.task_pages import ACTION_LABELS
from .xlsx import tasks_workbook_response

# How many days ahead "due soon" looks on "My tasks".
DUE_SOON_DAYS = 7
AUDIT_LIMIT = 100
# Tasks shown in one day of the calendar before a "more" link.
DAY_LIMIT = 6
NOTIFICATION_LIMIT = 200

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
    filterset, tasks = filter_list(TaskFilter, request, selectors.task_list(request.user), data)
    if _wants_xlsx(request):
        if filterset.problems():
            return refused(request, filterset)
        return tasks_workbook_response(tasks, title=_("Bảng nhiệm vụ"), today=today)
    page = paginate(request, tasks)
    query = data.copy()
    query.pop("page", None)
    filters = filterset.form
    board_choices(filters, request.user)
    can_assign = bool(reach(request.user, CHANGE))
    bulk_form = None
    if can_assign and not filters.people_too_many:
        bulk_form = BulkAssignForm(
            user=request.user, organization=filters.cleaned_data.get("organization")
        )
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


# --- Assigning a task -------------------------------------------------------------------------
@login_required
def task_create(request: HttpRequest) -> HttpResponse:
    orgs = Organization.objects.restrict(request.user, CHANGE)
    if not orgs.exists():
        raise PermissionDenied(_("Đồng chí không có quyền giao nhiệm vụ."))
    initial: dict[str, Any] = {}
    organization = None
    if raw_org := id_or_none(request.GET.get("organization")):
        organization = orgs.filter(pk=raw_org).first()
    if raw_focus := id_or_none(request.GET.get("focus_issue")):
        issue = FocusIssue.objects.restrict(request.user, VIEW).filter(pk=raw_focus).first()
        if issue is not None:
            initial["focus_issue"] = issue.pk
            organization = organization or orgs.filter(pk=issue.organization_id).first()
    if raw_directive := id_or_none(request.GET.get("directive")):
        directive = Directive.objects.restrict(request.user, VIEW).filter(pk=raw_directive).first()
        if directive is not None:
            initial["directive"] = directive.pk
    parent = None
    if raw_parent := id_or_none(request.GET.get("parent")):
        parent = Task.objects.restrict(request.user, VIEW).filter(pk=raw_parent).first()
        if parent is not None:
            initial["parent"] = parent.pk
            organization = organization or orgs.filter(pk=parent.organization_id).first()
    if organization is None and orgs.count() == 1:
        organization = orgs.first()
    if organization is not None:
        initial["organization"] = organization.pk
    if request.method == "POST":
        form = TaskForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                task = services.create_task(
                    actor=request.user,
                    organization=data["organization"],
                    title=data["title"],
                    expected_result=data["expected_result"],
                    description=data["description"],
                    owner=data["owner"],
                    coworkers=list(data["coworkers"]),
                    start_date=data["start_date"],
                    due_date=data["due_date"],
                    priority=data["priority"],
                    focus_issue=data["focus_issue"],
                    directive=data["directive"],
                    parent=data["parent"],
                    recurrence=data["recurrence"] or "",
                )
            except (ValidationError, PermissionDenied) as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã giao nhiệm vụ “%(title)s” cho %(owner)s.")
                    % {"title": task.title, "owner": task.owner.full_name},
                )
                return redirect("tasks:detail", task_id=task.pk)
    else:
        form = TaskForm(user=request.user, organization=organization, initial=initial)
    return render(request, "tasks/task_form.html", {"form": form, "parent": parent})


@login_required
def task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    """Edit an open task (the assigner or the committee): through update_task."""
    task = selectors.task_detail(request.user, task_id)
    if task.status in (TaskStatus.DONE, TaskStatus.CANCELLED) or not services.can_decide(
        request.user, task
    ):
        raise PermissionDenied(_("Đồng chí không sửa được nhiệm vụ này."))
    if request.method == "POST":
        form = TaskEditForm(request.POST, user=request.user, task=task)
        if form.is_valid():
            data = dict(form.cleaned_data)
            owner, coworkers = data.pop("owner"), list(data.pop("coworkers"))
            data["recurrence"] = data.get("recurrence") or ""
            try:
                changed = services.update_task(
                    actor=request.user, task=task, owner=owner, coworkers=coworkers, **data
                )
            except (ValidationError, PermissionDenied) as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Đã lưu thay đổi.") if changed else _("Không có gì thay đổi.")
                )
                return redirect("tasks:detail", task_id=task.pk)
    else:
        form = TaskEditForm(user=request.user, task=task, initial=TaskEditForm.initial_for(task))
    return render(request, "tasks/task_edit.html", {"form": form, "task": task})


# --- A task's page ----------------------------------------------------------------------------
def _detail_context(request: HttpRequest, task: Task, **forms: Any) -> dict[str, Any]:
    user = request.user
    can_report = services.can_report(user, task)
    can_decide = task.status not in (TaskStatus.DONE, TaskStatus.CANCELLED) and (
        services.can_decide(user, task)
    )
    filed = services.filed_submission(user, task)  # four eyes: not the one who filed it
    can_accept = can_decide and task.status == TaskStatus.AWAITING_ACCEPTANCE and not filed
    pending = selectors.pending_extension(task)
    progress_updates = list(task.progress_updates.all())
    evidence_by_update: dict[int | None, list[Any]] = {}
    for item in task.evidence.all():
        evidence_by_update.setdefault(item.progress_update_id, []).append(item)
    for update in progress_updates:
        update.files = evidence_by_update.get(update.pk, [])
    context = {
        "task": task,
        "today": timezone.localdate(),
        "timeline": selectors.task_timeline(task),
        "loose_evidence": evidence_by_update.get(None, []),
        **_history_context(task, request.user),
        "children": list(task.children.all()),
        "pending_extension": pending,
        "can_report": can_report,
        "can_decide": can_decide,
        "filed_submission": can_decide and filed,
        "can_add_child": task.status in (TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS)
        and any(task.organization.path.startswith(p) for p in reach(user, CHANGE)),
        "progress_form": forms.get("progress_form")
        or (ProgressForm(initial={"percent": task.percent}) if can_report else None),
        "extension_form": forms.get("extension_form")
        or (ExtensionRequestForm() if can_report and pending is None else None),
        "accept_form": forms.get("accept_form") or (AcceptForm() if can_accept else None),
        "decision_form": forms.get("decision_form")
        or (ExtensionDecisionForm() if can_decide and pending is not None else None),
        "cancel_form": forms.get("cancel_form") or (CancelForm() if can_decide else None),
    }
    context["has_actions"] = (
        any(
            context[name]
            for name in (
                "progress_form",
                "extension_form",
                "accept_form",
                "decision_form",
                "cancel_form",
            )
        )
        or pending is not None
        or context["filed_submission"]
    )
    return context


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = selectors.task_detail(request.user, task_id)
    return render(request, "tasks/task_detail.html", _detail_context(request, task))


def _action(view: Any) -> Any:
    """A POST-only action on a task: 404 outside the user's reach whatever the method
    (checked first), and a GET is simply sent to the task's page."""

    @login_required
    def wrapped(request: HttpRequest, task_id: int) -> HttpResponse:
        task = selectors.task_detail(request.user, task_id)
        if request.method != "POST":
            return redirect("tasks:detail", task_id=task.pk)
        return view(request, task)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _card_response(request: HttpRequest, before: Task, done: str) -> HttpResponse:
    """After a report from a card on "My tasks": the card in place with the counts out of
    band; or, when the report moved the card to another section ("Báo hoàn thành" takes it
    out of "Đang làm"), every section again, so the page agrees with the record at once."""
    today = timezone.localdate()
    mine = selectors.my_tasks(request.user, today=today, soon_days=DUE_SOON_DAYS)
    task = _refresh(before)
    context = {
        "mine": mine,
        "task": task,
        "today": today,
        "soon_days": DUE_SOON_DAYS,
        "sent": done,
        "sent_task": task.pk,
    }
    where = {"today": today, "soon_days": DUE_SOON_DAYS}
    if selectors.my_section(before, **where) != selectors.my_section(task, **where):
        response = render(request, "tasks/my_tasks.html#sections", context)
        return reswap(retarget(response, "#my-tasks"), "outerHTML")
    card = render_to_string("tasks/my_tasks.html#card", context, request=request)
    summary = render_to_string(
        "tasks/my_tasks.html#summary", {**context, "oob": True}, request=request
    )
    return HttpResponse(card + summary)


@_action
def report_progress(request: HttpRequest, task: Task) -> HttpResponse:
    """A progress report with evidence; from a card on "My tasks" (htmx swaps the card) or
    from the task's page."""
    form = ProgressForm(request.POST, request.FILES)
    card = request.POST.get("from") == "card"
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.report_progress(
                actor=request.user,
                task=task,
                percent=data["percent"],
                note=data["note"],
                files=data["files"],
                submit=data["submit"],
            )
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            done = _("Đã gửi báo cáo tiến độ.")
            if card and request.htmx:
                return _card_response(request, task, done)
            messages.success(request, done)
            return redirect(_next_url(request, reverse("tasks:detail", args=[task.pk])))
    if card and request.htmx:
        return render(
            request,
            "tasks/my_tasks.html#card",
            {"task": _refresh(task), "today": timezone.localdate(), "form": form},
        )
    return render(
        request, "tasks/task_detail.html", _detail_context(request, task, progress_form=form)
    )


@_action
def accept(request: HttpRequest, task: Task) -> HttpResponse:
    """Accept with an outcome, or return for more work: the assigner or committee only."""
    form = AcceptForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == AcceptForm.ACCEPT:
                services.accept_task(
                    actor=request.user, task=task, outcome=data["outcome"], comment=data["comment"]
                )
                done = _("Đã nghiệm thu nhiệm vụ “%(title)s”.") % {"title": task.title}
            else:
                services.return_task(actor=request.user, task=task, comment=data["comment"])
                done = _("Đã trả lại nhiệm vụ “%(title)s”.") % {"title": task.title}
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(form, exc)
        else:
            if request.htmx and request.POST.get("from") == "awaiting":
                # The queue's card says what happened, in place.
                return render(
                    request,
                    "tasks/awaiting.html#item",
                    {"task": _refresh(task), "today": timezone.localdate(), "done": done},
                )
            messages.success(request, done)
            return redirect(_next_url(request, reverse("tasks:detail", args=[task.pk])))
    if request.htmx and request.POST.get("from") == "awaiting":
        return render(
            request,
            "tasks/awaiting.html#item",
            {
                "task": _refresh(task),
                "today": timezone.localdate(),
                "accept_form": AcceptForm(),
                "errors": [m for errors in form.errors.values() for m in errors],
                "outcome": request.POST.get("outcome", ""),
                "comment": request.POST.get("comment", ""),
            },
        )
    if request.POST.get("from") == "awaiting":
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"{task.title}: {message}")
        return redirect(_next_url(request, reverse("tasks:awaiting")))
    return render(
        request, "tasks/task_detail.html", _detail_context(request, task, accept_form=form)
    )


def _form_action(
    request: HttpRequest,
    task: Task,
    form: forms.Form,
    form_name: str,
    write: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Write through the service with the form's data and go back to the task's page; on
    bad input or a refusal, the task's page again with the form and its errors."""
    if write_form(request, form, write):
        messages.success(request, done)
        return redirect("tasks:detail", task_id=task.pk)
    return render(
        request, "tasks/task_detail.html", _detail_context(request, task, **{form_name: form})
    )


@_action
def request_extension(request: HttpRequest, task: Task) -> HttpResponse:
    return _form_action(
        request,
        task,
        ExtensionRequestForm(request.POST),
        "extension_form",
        lambda data: services.request_extension(
            actor=request.user,
            task=task,
            requested_due_date=data["requested_due_date"],
            reason=data["reason"],
        ),
        _("Đã gửi đề nghị gia hạn."),
    )


@_action
def decide_extension(request: HttpRequest, task: Task) -> HttpResponse:
    pending = selectors.pending_extension(task)
    if pending is None:
        messages.error(request, _("Không có đề nghị gia hạn nào đang chờ quyết định."))
        return redirect("tasks:detail", task_id=task.pk)
    return _form_action(
        request,
        task,
        ExtensionDecisionForm(request.POST),
        "decision_form",
        lambda data: services.decide_extension(
            actor=request.user, extension=pending, grant=data["grant"], note=data["note"]
        ),
        _("Đã quyết định đề nghị gia hạn."),
    )


@_action
def cancel(request: HttpRequest, task: Task) -> HttpResponse:
    return _form_action(
        request,
        task,
        CancelForm(request.POST),
        "cancel_form",
        lambda data: services.cancel_task(actor=request.user, task=task, reason=data["reason"]),
        _("Đã hủy nhiệm vụ; nhiệm vụ vẫn được lưu trong hồ sơ."),
    )


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


# --- Calendar ---------------------------------------------------------------------------------
@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filterset, tasks = filter_list(CalendarFilter, request, selectors.task_list(request.user))
    chosen = filterset.form.cleaned_data
    first = chosen.get("month") or today.replace(day=1)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    mine_only = bool(chosen.get("mine"))
    by_day = selectors.calendar_tasks(tasks, start=weeks[0][0], end=weeks[-1][-1])
    # A busy day shows its first few tasks and links to the rest on the board.
    grid = [
        [
            (day, by_day.get(day, [])[:DAY_LIMIT], len(by_day.get(day, [])) - DAY_LIMIT)
            for day in week
        ]
        for week in weeks
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "tasks/calendar.html",
        {
            "first": first,
            "grid": grid,
            "today": today,
            "previous": previous,
            "following": following,
            "mine_only": mine_only,
            "has_member": bool(getattr(request.user, "member_id", None)),
            "filter_problems": filterset.problems(),
            "count": sum(len(v) for v in by_day.values()),
        },
    )


# --- Notifications ----------------------------------------------------------------------------
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    filterset, items = filter_list(
        NotificationFilter, request, selectors.notifications_for(request.user)
    )
    undelivered = (
        selectors.undelivered_for_staff(request.user) if reach(request.user, CHANGE) else []
    )
    return render(
        request,
        "tasks/notifications.html",
        {
            "items": items[:NOTIFICATION_LIMIT],
            "unread_only": bool(filterset.form.cleaned_data.get("unread")),
            "filter_problems": filterset.problems(),
            "undelivered": undelivered,
        },
    )


@login_required
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read; only the user's own (anyone else's answers 404)."""
    notification = get_object_or_404(Notification, pk=notification_id, user=request.user)
    if request.method == "POST":
        services.mark_notifications_read(user=request.user, ids=[notification.pk])
    if request.POST.get("open") and notification.task_id:
        return redirect("tasks:detail", task_id=notification.task_id)
    return redirect(_next_url(request, reverse("tasks:notifications")))


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_notifications_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(n)d thông báo là đã đọc.") % {"n": count})
    return redirect(_next_url(request, reverse("tasks:notifications")))
