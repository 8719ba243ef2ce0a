"""Pages of the head's briefing duty (QĐ 138-QĐ/TW 2023, Art. 11): duties and briefings of
the organizations in reach, filing a briefing, the committee's acknowledgment and its
conclusions turned into tasks. Thin: selectors read through the restriction, services write."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hatnhan.core.filters import filter_list, id_or_none
from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, REPORT, can, reach
from hatnhan.core.views import form_page, saved

from . import selectors, services
from .filters import BriefingFilter
from .forms import (
    AcknowledgeForm,
    BriefingContentForm,
    ConclusionTaskForm,
    DutyForm,
    FileBriefingForm,
    RequestForm,
)
from .models import BriefingStatus


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    back: str,
    subtitle: str = "",
    multipart: bool = False,
    on_behalf: Any = None,
) -> HttpResponse:
    # Its own template: the files input and the on-behalf notice are the briefing's.
    return form_page(
        request,
        form,
        template="briefings/form.html",
        title=title,
        back=back,
        subtitle=subtitle,
        multipart=multipart,
        on_behalf=on_behalf,
    )


def _may_file(user: Any, duty: Any) -> bool:
    """The head on their own duty, or whoever leads the organization (on the head's behalf)."""
    if not duty.is_active or not can(user, REPORT, duty):
        return False
    return getattr(user, "member_id", None) == duty.head_id or can(user, CHANGE, duty)


def _year(request: HttpRequest) -> int:
    year = id_or_none(request.GET.get("year"))
    return year if year and 1900 <= year <= 2200 else timezone.localdate().year


@login_required
def briefing_list(request: HttpRequest) -> HttpResponse:
    filterset, briefings = filter_list(
        BriefingFilter, request, selectors.briefing_list(request.user)
    )
    return render(
        request,
        "briefings/list.html",
        {
            "duties": selectors.duty_list(request.user)[:50],
            "page": paginate(request, briefings),
            "filter_problems": filterset.problems(),
            "filterset": filterset,
            "can_write": bool(reach(request.user, CHANGE)),
        },
    )


@login_required
def duty_create(request: HttpRequest) -> HttpResponse:
    if not reach(request.user, CHANGE):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = DutyForm(request.POST or None, user=request.user)
    if wrote := write_form(
        request, form, lambda data: services.create_duty(actor=request.user, **data)
    ):
        messages.success(request, _("Đã đặt chế độ thông báo."))
        return saved(request, wrote.result.get_absolute_url())
    return _form_page(
        request, form, title=_("Chế độ thông báo mới"), back=reverse("briefings:list")
    )


@login_required
def duty_edit(request: HttpRequest, duty_id: int) -> HttpResponse:
    duty = selectors.duty_detail(request.user, duty_id)
    if not can(request.user, CHANGE, duty):
        raise PermissionDenied(_("Đồng chí không có quyền sửa mục này."))
    form = DutyForm(request.POST or None, user=request.user, instance=duty)
    if wrote := write_form(
        request, form, lambda data: services.update_duty(actor=request.user, duty=duty, **data)
    ):
        messages.success(
            request, _("Đã lưu thay đổi.") if wrote.result else _("Không có gì thay đổi.")
        )
        return saved(request, duty.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Sửa chế độ thông báo"),
        back=duty.get_absolute_url(),
        subtitle=duty.organization.name,
    )


@login_required
def duty_detail(request: HttpRequest, duty_id: int) -> HttpResponse:
    duty = selectors.duty_detail(request.user, duty_id)
    today = timezone.localdate()
    year = _year(request)
    return render(
        request,
        "briefings/duty_detail.html",
        {
            "duty": duty,
            "year": year,
            "years": [year - 1, year, year + 1],
            "rows": selectors.duty_schedule(duty, year, today),
            "record": selectors.head_record(duty.head_id, year, today=today),
            "today": today,
            "can_change": can(request.user, CHANGE, duty),
            "may_file": _may_file(request.user, duty),
        },
    )


@login_required
def file_briefing(request: HttpRequest, duty_id: int) -> HttpResponse:
    duty = selectors.duty_detail(request.user, duty_id)
    if not _may_file(request.user, duty):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    periods = selectors.open_periods(duty, timezone.localdate())
    form = FileBriefingForm(request.POST or None, request.FILES or None, periods=periods)
    files = request.FILES.getlist("files") if request.FILES else []
    if wrote := write_form(
        request,
        form,
        lambda data: services.file_briefing(actor=request.user, duty=duty, files=files, **data),
    ):
        messages.success(request, _("Đã gửi báo cáo tới cấp ủy."))
        return saved(request, wrote.result.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Báo cáo của người đứng đầu"),
        back=duty.get_absolute_url(),
        subtitle=duty.organization.name,
        multipart=True,
        on_behalf=None if request.user.member_id == duty.head_id else duty.head,
    )


@login_required
def request_briefing(request: HttpRequest, duty_id: int) -> HttpResponse:
    duty = selectors.duty_detail(request.user, duty_id)
    if not can(request.user, CHANGE, duty):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = RequestForm(request.POST or None)
    if wrote := write_form(
        request, form, lambda data: services.request_briefing(actor=request.user, duty=duty, **data)
    ):
        messages.success(request, _("Đã yêu cầu người đứng đầu báo cáo."))
        return saved(request, wrote.result.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Cấp ủy yêu cầu báo cáo"),
        back=duty.get_absolute_url(),
        subtitle=duty.organization.name,
    )


@login_required
def briefing_detail(request: HttpRequest, briefing_id: int) -> HttpResponse:
    briefing = selectors.briefing_detail(request.user, briefing_id)
    user = request.user
    return render(
        request,
        "briefings/briefing_detail.html",
        {
            "briefing": briefing,
            "may_submit": briefing.status == BriefingStatus.REQUESTED
            and _may_file(user, briefing.duty),
            "may_acknowledge": services.can_acknowledge(user, briefing),
            "may_convert": services.can_convert(user, briefing),
            "acknowledge_form": AcknowledgeForm(
                user=user,
                organization=briefing.organization,
                initial={"acknowledged_on": timezone.localdate()},
            ),
        },
    )


@login_required
def submit_requested(request: HttpRequest, briefing_id: int) -> HttpResponse:
    briefing = selectors.briefing_detail(request.user, briefing_id)
    if briefing.status != BriefingStatus.REQUESTED or not _may_file(request.user, briefing.duty):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = BriefingContentForm(request.POST or None, request.FILES or None)
    files = request.FILES.getlist("files") if request.FILES else []
    if write_form(
        request,
        form,
        lambda data: services.submit_requested(
            actor=request.user, briefing=briefing, files=files, **data
        ),
    ):
        messages.success(request, _("Đã gửi báo cáo tới cấp ủy."))
        return saved(request, briefing.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Báo cáo theo yêu cầu của cấp ủy"),
        back=briefing.get_absolute_url(),
        subtitle=briefing.request_note,
        multipart=True,
        on_behalf=None if request.user.member_id == briefing.head_id else briefing.head,
    )


@login_required
def acknowledge(request: HttpRequest, briefing_id: int) -> HttpResponse:
    briefing = selectors.briefing_detail(request.user, briefing_id)
    if not can(request.user, CHANGE, briefing):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = AcknowledgeForm(
        request.POST or None,
        user=request.user,
        organization=briefing.organization,
        initial={"acknowledged_on": timezone.localdate()},
    )
    if write_form(
        request,
        form,
        lambda data: services.acknowledge_briefing(actor=request.user, briefing=briefing, **data),
    ):
        messages.success(request, _("Đã ghi nhận báo cáo và kết luận của cấp ủy."))
        return saved(request, briefing.get_absolute_url())
    return _form_page(
        request,
        form,
        title=_("Cấp ủy ghi nhận báo cáo"),
        back=briefing.get_absolute_url(),
        subtitle=str(briefing),
    )


@login_required
def conclusion_task(request: HttpRequest, conclusion_id: int) -> HttpResponse:
    conclusion = selectors.conclusion_detail(request.user, conclusion_id)
    briefing = conclusion.briefing
    if not services.can_convert(request.user, briefing) or conclusion.task_id:
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = ConclusionTaskForm(
        request.POST or None,
        user=request.user,
        organization=briefing.organization,
        initial={"title": conclusion.text[:500]},
    )
    if wrote := write_form(
        request,
        form,
        lambda data: services.conclusion_to_task(actor=request.user, conclusion=conclusion, **data),
    ):
        messages.success(request, _("Đã giao nhiệm vụ từ kết luận."))
        return saved(request, reverse("tasks:detail", args=[wrote.result.pk]))
    return _form_page(
        request,
        form,
        title=_("Giao nhiệm vụ từ kết luận"),
        back=briefing.get_absolute_url(),
        subtitle=conclusion.text,
    )
