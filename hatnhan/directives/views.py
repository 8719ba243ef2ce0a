"""Pages for what the organization leads by: directives, year themes, resolutions and their
focus issues (with the roll-up of the tasks each issue gave rise to). Thin: selectors read
through the restriction, services write."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from hatnhan.core.filters import filter_list
from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, VIEW, can, reach
from hatnhan.core.views import form_page, saved
from hatnhan.core.widgets import picker_matches, search

from . import sections, selectors, services
from .filters import DirectiveFilter, ResolutionFilter
from .forms import (
    DirectiveForm,
    EditableForm,
    FocusIssueForm,
    ResolutionForm,
    YearThemeForm,
    focus_issue_label,
)
from .models import DirectiveKind, Resolution, ResolutionKind

# Every record app's form pages share one template (errors in place, htmx posting).
_form_page = partial(form_page, template="directives/form.html")


def _can_write(request: HttpRequest) -> bool:
    return bool(reach(request.user, CHANGE))


def _require_writer(request: HttpRequest) -> None:
    if not _can_write(request):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))


def _edit_page(
    *,
    read: Callable[[Any, int], Model],
    form_class: type[EditableForm],
    update: Callable[..., bool],
    keyword: str,
    title: Any,
    detail: str,
) -> Callable[..., HttpResponse]:
    """A correction page: the create form filled from the record (`read` through the
    restriction, so 404 outside reach), saved through the update service (`keyword=` the
    record; audited, and the record's page then shows the before → after)."""

    @login_required
    def view(request: HttpRequest, **kwargs: int) -> HttpResponse:
        (record_id,) = kwargs.values()
        record = read(request.user, record_id)
        if not can(request.user, CHANGE, record):
            raise PermissionDenied(_("Đồng chí không có quyền sửa mục này."))
        form = form_class(
            request.POST or None, request.FILES or None, user=request.user, instance=record
        )
        back = reverse(detail, args=[record.pk])
        if wrote := write_form(
            request, form, lambda data: update(actor=request.user, **{keyword: record}, **data)
        ):
            messages.success(
                request, _("Đã lưu thay đổi.") if wrote.result else _("Không có gì thay đổi.")
            )
            return saved(request, back)
        return _form_page(request, form, title=str(title), back=back, subtitle=str(record))

    return view


# --- Directives and year themes --------------------------------------------------------------
@login_required
def directive_list(request: HttpRequest) -> HttpResponse:
    filterset, directives = filter_list(
        DirectiveFilter, request, selectors.directive_list(request.user)
    )
    page = paginate(request, directives)
    year = timezone.localdate().year
    return render(
        request,
        "directives/directive_list.html",
        {
            "page": page,
            "q": request.GET.get("q", ""),
            "kind": filterset.form.cleaned_data.get("kind") or "",
            "filter_problems": filterset.problems(),
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
    # The tasks serving it, their roll-up and export: tasks' section (directives.sections).
    added = sections.directive_context(request, directive)
    if isinstance(added, HttpResponse):
        return added
    return render(
        request,
        "directives/directive_detail.html",
        {
            **added,
            "directive": directive,
            "resolutions": resolutions,
            "focus_issues": focus_issues,
            "today": timezone.localdate(),
            "can_assign": _can_write(request),
            "can_change": can(request.user, CHANGE, directive),
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
        return saved(request, reverse("directives:detail", args=[directive.result.pk]))
    return _form_page(
        request, form, title=_("Ghi nhận văn bản chỉ đạo"), back=reverse("directives:list")
    )


@login_required
def year_theme_create(request: HttpRequest) -> HttpResponse:
    _require_writer(request)
    form = YearThemeForm(request.POST or None, user=request.user)
    if theme := write_form(
        request, form, lambda data: services.create_year_theme(actor=request.user, **data)
    ):
        messages.success(request, _("Đã lưu chủ đề năm %(y)s.") % {"y": theme.result.year})
        return saved(request, reverse("directives:theme", args=[theme.result.pk]))
    return _form_page(request, form, title=_("Chủ đề năm"), back=reverse("directives:list"))


@login_required
def year_theme_detail(request: HttpRequest, year_theme_id: int) -> HttpResponse:
    theme = selectors.year_theme_detail(request.user, year_theme_id)
    resolutions = selectors.resolution_list(request.user).filter(year_theme=theme)[:50]
    return render(
        request,
        "directives/year_theme_detail.html",
        {
            "theme": theme,
            "resolutions": resolutions,
            "can_change": can(request.user, CHANGE, theme),
        },
    )


# --- Resolutions and focus issues ------------------------------------------------------------
@login_required
def resolution_list(request: HttpRequest) -> HttpResponse:
    filterset, resolutions = filter_list(
        ResolutionFilter, request, selectors.resolution_list(request.user)
    )
    page = paginate(request, resolutions)
    return render(
        request,
        "directives/resolution_list.html",
        {
            "page": page,
            "q": request.GET.get("q", ""),
            "kind": filterset.form.cleaned_data.get("kind") or "",
            "filter_problems": filterset.problems(),
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
        return saved(request, reverse("directives:resolution-detail", args=[resolution.result.pk]))
    return _form_page(
        request, form, title=_("Nghị quyết mới"), back=reverse("directives:resolutions")
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
        return saved(request, reverse("directives:focus-issue", args=[issue.result.pk]))
    return _form_page(
        request,
        form,
        title=_("Vấn đề trọng tâm mới"),
        subtitle=str(resolution),
        back=reverse("directives:resolution-detail", args=[resolution.pk]),
    )


@login_required
def focus_issue_detail(request: HttpRequest, focus_issue_id: int) -> HttpResponse:
    issue = selectors.focus_issue_detail(request.user, focus_issue_id)
    # The tasks serving it (a page of them), their roll-up and export: tasks' section.
    added = sections.focus_issue_context(request, issue)
    if isinstance(added, HttpResponse):
        return added
    return render(
        request,
        "directives/focus_issue_detail.html",
        {
            "today": timezone.localdate(),
            **added,
            "issue": issue,
            "can_assign": _can_write(request),
            "can_change": can(request.user, CHANGE, issue),
        },
    )


directive_edit = _edit_page(
    read=selectors.directive_detail,
    form_class=DirectiveForm,
    update=services.update_directive,
    keyword="directive",
    title=gettext_lazy("Sửa văn bản chỉ đạo"),
    detail="directives:detail",
)
year_theme_edit = _edit_page(
    read=selectors.year_theme_detail,
    form_class=YearThemeForm,
    update=services.update_year_theme,
    keyword="theme",
    title=gettext_lazy("Sửa chủ đề năm"),
    detail="directives:theme",
)
resolution_edit = _edit_page(
    read=selectors.resolution_detail,
    form_class=ResolutionForm,
    update=services.update_resolution,
    keyword="resolution",
    title=gettext_lazy("Sửa nghị quyết"),
    detail="directives:resolution-detail",
)
focus_issue_edit = _edit_page(
    read=selectors.focus_issue_detail,
    form_class=FocusIssueForm,
    update=services.update_focus_issue,
    keyword="focus_issue",
    title=gettext_lazy("Sửa vấn đề trọng tâm"),
    detail="directives:focus-issue",
)


@login_required
@require_GET
def focus_issue_pick(request: HttpRequest) -> HttpResponse:
    """A long focus-issue picker's matches for the words typed (core.widgets.PickerMixin):
    at most PICKER_MAX_OPTIONS, newest resolution first."""
    query = (request.GET.get("q") or "").strip()
    issues = selectors.focus_issues_to_pick(request.user, request.GET.get("organization"))
    found = search(issues, query)[: settings.PICKER_MAX_OPTIONS] if query else []
    options = picker_matches([(f.pk, focus_issue_label(f)) for f in found])
    return HttpResponse(options, content_type="text/html; charset=utf-8")
