"""A task's page and the actions on it (report, accept or return, extension, cancel)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from hatnhan.core.forms import add_service_errors, write_form
from hatnhan.core.restrict import CHANGE, reach

from .. import selectors, services
from ..forms import (
    AcceptForm,
    CancelForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ProgressForm,
)
from ..models import Task, TaskStatus
from .common import DUE_SOON_DAYS, _history_context, _next_url, _refresh


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
