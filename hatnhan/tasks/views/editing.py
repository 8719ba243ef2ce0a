"""Assigning a task and editing it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hatnhan.core.filters import id_or_none
from hatnhan.core.forms import add_service_errors
from hatnhan.core.restrict import CHANGE, VIEW
from hatnhan.directives.models import Directive, FocusIssue
from hatnhan.organizations.models import Organization

from .. import selectors, services
from ..forms import (
    TaskEditForm,
    TaskForm,
)
from ..models import Task, TaskStatus


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
    # Whoever was chosen before the organization stays chosen when the organization's choice
    # reloads the pickers (they are sent with it), if the organization's people include them.
    if raw_owner := id_or_none(request.GET.get("owner")):
        initial["owner"] = raw_owner
    if coworkers := [pk for pk in map(id_or_none, request.GET.getlist("coworkers")) if pk]:
        initial["coworkers"] = coworkers
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
