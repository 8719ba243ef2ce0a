"""Pages for what the organization leads by: directives, year themes, resolutions and their
focus issues (with the roll-up of the tasks each issue gave rise to). Thin: selectors read
through the restriction, services write."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, VIEW, can, reach
from hatnhan.tasks import selectors as task_selectors
from hatnhan.tasks.models import Task
from hatnhan.tasks.xlsx import tasks_workbook_response

from . import selectors, services
from .forms import DirectiveForm, FocusIssueForm, ResolutionForm, YearThemeForm
from .models import DirectiveKind, Resolution, ResolutionKind


def _can_write(request: HttpRequest) -> bool:
    return bool(reach(request.user, CHANGE))


def _require_writer(request: HttpRequest) -> None:
    if not _can_write(request):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))


# --- Directives and year themes --------------------------------------------------------------
@login_required
def directive_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    kind = kind if kind in DirectiveKind.values else ""
    directives = selectors.directive_list(request.user, q=q, kind=kind)
    page = paginate(request, directives)
    year = timezone.localdate().year
    return render(
        request,
        "directives/directive_list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "kinds": DirectiveKind.choices,
            "themes": selectors.year_theme_list(request.user)[:20],
            "current_theme": selectors.current_theme(request.user, year),
            "year": year,
            "can_write": _can_write(request),
        },
    )


@login_required
def directive_detail(request: HttpRequest, directive_id: int) -> HttpResponse:
    directive = selectors.directive_detail(request.user, directive_id)
    resolutions = (
        Resolution.objects.restrict(request.user, VIEW)
        .filter(directives=directive)
        .select_related("organization")
        .order_by("-adopted_on")
    )
    focus_issues = (
        selectors.focus_issue_list(request.user).filter(directives=directive).order_by("-id")[:50]
    )
    tasks = task_selectors.task_list(request.user, directive_id=directive.pk).distinct()
    # The roll-up counts each task once, however many of its focus issue's directives match.
    serving = Task.objects.filter(
        Q(directive_id=directive.pk) | Q(focus_issue__directives=directive.pk)
    ).values("pk")
    counted = task_selectors.visible_tasks(request.user).filter(pk__in=serving)
    if request.GET.get("format") == "xlsx":
        return tasks_workbook_response(tasks, title=str(directive))
    return render(
        request,
        "directives/directive_detail.html",
        {
            "directive": directive,
            "resolutions": resolutions,
            "focus_issues": focus_issues,
            "tasks": tasks[:100],
            "rollup": task_selectors.rollup(counted),
            "today": timezone.localdate(),
            "can_assign": _can_write(request),
        },
    )


@login_required
def directive_create(request: HttpRequest) -> HttpResponse:
    _require_writer(request)
    form = DirectiveForm(request.POST or None, request.FILES or None, user=request.user)
    # The form's fields are the service's keyword arguments.
    if directive := write_form(
        request, form, lambda data: services.create_directive(actor=request.user, **data)
    ):
        messages.success(request, _("Đã ghi nhận văn bản %(d)s.") % {"d": directive.result})
        return redirect("directives:detail", directive_id=directive.result.pk)
    return render(
        request,
        "directives/form.html",
        {"form": form, "title": _("Ghi nhận văn bản chỉ đạo"), "multipart": True},
    )


@login_required
def year_theme_create(request: HttpRequest) -> HttpResponse:
    _require_writer(request)
    form = YearThemeForm(request.POST or None, user=request.user)
    if write_form(
        request, form, lambda data: services.create_year_theme(actor=request.user, **data)
    ):
        messages.success(request, _("Đã lưu chủ đề năm %(y)s.") % {"y": form.cleaned_data["year"]})
        return redirect("directives:list")
    return render(request, "directives/form.html", {"form": form, "title": _("Chủ đề năm")})


# --- Resolutions and focus issues ------------------------------------------------------------
@login_required
def resolution_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    kind = kind if kind in ResolutionKind.values else ""
    resolutions = selectors.resolution_list(request.user, q=q, kind=kind)
    page = paginate(request, resolutions)
    return render(
        request,
        "directives/resolution_list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "kinds": ResolutionKind.choices,
            "can_write": _can_write(request),
        },
    )


@login_required
def resolution_detail(request: HttpRequest, resolution_id: int) -> HttpResponse:
    resolution = selectors.resolution_detail(request.user, resolution_id)
    return render(
        request,
        "directives/resolution_detail.html",
        {"resolution": resolution, "can_change": can(request.user, CHANGE, resolution)},
    )


@login_required
def resolution_create(request: HttpRequest) -> HttpResponse:
    _require_writer(request)
    form = ResolutionForm(request.POST or None, request.FILES or None, user=request.user)
    if resolution := write_form(
        request, form, lambda data: services.create_resolution(actor=request.user, **data)
    ):
        messages.success(request, _("Đã lưu nghị quyết."))
        return redirect("directives:resolution-detail", resolution_id=resolution.result.pk)
    return render(
        request,
        "directives/form.html",
        {"form": form, "title": _("Nghị quyết mới"), "multipart": True},
    )


@login_required
def focus_issue_create(request: HttpRequest, resolution_id: int) -> HttpResponse:
    resolution = selectors.resolution_detail(request.user, resolution_id)
    if not can(request.user, CHANGE, resolution):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = FocusIssueForm(request.POST or None, user=request.user)
    if issue := write_form(
        request,
        form,
        lambda data: services.create_focus_issue(actor=request.user, resolution=resolution, **data),
    ):
        messages.success(request, _("Đã thêm vấn đề trọng tâm."))
        return redirect("directives:focus-issue", focus_issue_id=issue.result.pk)
    context: dict[str, Any] = {
        "form": form,
        "title": _("Vấn đề trọng tâm mới"),
        "subtitle": str(resolution),
    }
    return render(request, "directives/form.html", context)


@login_required
def focus_issue_detail(request: HttpRequest, focus_issue_id: int) -> HttpResponse:
    issue = selectors.focus_issue_detail(request.user, focus_issue_id)
    today = timezone.localdate()
    tasks, rollup = task_selectors.focus_issue_rollup(request.user, issue.pk, today=today)
    if request.GET.get("format") == "xlsx":
        return tasks_workbook_response(tasks, title=issue.title[:60], today=today)
    page = paginate(request, tasks)
    return render(
        request,
        "directives/focus_issue_detail.html",
        {
            "issue": issue,
            "page": page,
            "rollup": rollup,
            "today": today,
            "can_assign": _can_write(request),
        },
    )
