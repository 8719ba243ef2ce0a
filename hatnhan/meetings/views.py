"""Pages of cell meetings: the list and an organization's calendar, the meeting page
(attendance, minutes, resolution, quality), the chair's check-in screen with its rotating QR,
the member's phone check-in. Thin: selectors read through the restriction, services write."""

import calendar
from functools import partial
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hatnhan.core.downloads import restricted_file
from hatnhan.core.filters import filter_list
from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, can, reach
from hatnhan.core.security_log import log_security_event
from hatnhan.core.views import form_page, saved

from . import quality, selectors, services
from .filters import MeetingFilter
from .forms import (
    TASK_SLOTS,
    AssessmentForm,
    AttendanceForm,
    ConfirmForm,
    CorrectionForm,
    DocumentForm,
    GenerateForm,
    MeetingForm,
    MinutesForm,
    ResolutionForm,
    SpeechForm,
    TimesForm,
)
from .models import (
    AssessmentKind,
    AttendanceStatus,
    MeetingDocument,
    MeetingKind,
    MeetingResolution,
    MeetingState,
    Minutes,
)

# Every record app's form pages share one template (errors in place, htmx posting).
_form_page = partial(form_page, template="directives/form.html")


def _require_writer(request: HttpRequest) -> None:
    if not reach(request.user, CHANGE):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))


def _detail_url(meeting: Any, anchor: str = "") -> str:
    return reverse("meetings:detail", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _run(request: HttpRequest, write: Any, back: str, done: str) -> HttpResponse:
    """A POST-only action: the service's refusal shown as a message on the page it came from."""
    try:
        write()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except PermissionDenied as exc:
        log_security_event("authorization.refused", request, reason=str(exc))
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return saved(request, back)


# --- list and calendar ------------------------------------------------------------------------
@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    filterset, meetings = filter_list(MeetingFilter, request, selectors.meeting_list(request.user))
    page = paginate(request, meetings)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page": page,
            "filterset": filterset,
            "filter_problems": filterset.problems(),
            "q": request.GET.get("q", ""),
            "can_write": bool(reach(request.user, CHANGE)),
        },
    )


def _calendar(meetings: list[Any], year: int) -> list[dict[str, Any]]:
    """Twelve months, each with its regular meeting(s) and thematic ones."""
    months = []
    for month in range(1, 13):
        inside = [m for m in meetings if timezone.localtime(m.planned_start).month == month]
        months.append(
            {
                "month": month,
                "name": _("Tháng %(m)d") % {"m": month},
                "meetings": inside,
                "has_regular": any(m.kind == MeetingKind.REGULAR for m in inside),
                "weeks": calendar.Calendar(firstweekday=0).monthdayscalendar(year, month),
            }
        )
    return months


@login_required
def organization_calendar(request: HttpRequest, organization_id: int) -> HttpResponse:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 1930), 2200)
    organization, meetings = selectors.organization_meetings(request.user, organization_id, year)
    rating = quality.year_rating(organization.pk, year) if organization.is_cell else None
    return render(
        request,
        "meetings/organization.html",
        {
            "organization": organization,
            "year": year,
            "months": _calendar(meetings, year),
            "rating": rating,
            "can_change": can(request.user, CHANGE, organization),
        },
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    _require_writer(request)
    form = MeetingForm(request.POST or None, user=request.user)
    if wrote := write_form(
        request,
        form,
        lambda data: services.schedule_meeting(
            actor=request.user, organization=data["organization"], **form.values()
        ),
    ):
        messages.success(request, _("Đã lên lịch sinh hoạt."))
        return saved(request, _detail_url(wrote.result))
    return _form_page(request, form, title=_("Lên lịch sinh hoạt"), back=reverse("meetings:list"))


@login_required
def meeting_generate(request: HttpRequest) -> HttpResponse:
    _require_writer(request)
    form = GenerateForm(request.POST or None, user=request.user)
    if wrote := write_form(
        request,
        form,
        lambda data: services.generate_year(actor=request.user, **data),
    ):
        messages.success(
            request, _("Đã lên lịch %(n)d cuộc sinh hoạt thường kỳ.") % {"n": len(wrote.result)}
        )
        organization = form.cleaned_data["organization"]
        url = reverse("meetings:organization", args=[organization.pk])
        return saved(request, f"{url}?year={form.cleaned_data['year']}")
    return _form_page(
        request,
        form,
        title=_("Lên lịch sinh hoạt thường kỳ cả năm"),
        subtitle=_("Mỗi tháng một cuộc, ví dụ thứ Ba tuần đầu; tháng đã có lịch giữ nguyên."),
        back=reverse("meetings:list"),
    )


# --- the meeting page -------------------------------------------------------------------------
@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    change = selectors.can_change(request.user, meeting)
    rows = selectors.attendances(meeting)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    result = quality.meeting_result(meeting) if meeting.state != MeetingState.PLANNED else None
    own = next((r for r in rows if r.member_id == getattr(request.user, "member_id", None)), None)
    context = {
        "meeting": meeting,
        "can_change": change and not meeting.is_closed,
        "can_correct": change and meeting.is_closed,
        "attendances": rows,
        "own_attendance": own,
        "counts": {s: sum(1 for r in rows if r.status == s) for s in AttendanceStatus.values},
        "minutes": minutes,
        "speeches": selectors.speeches(meeting),
        "documents": selectors.documents(meeting),
        "reviews": selectors.reviews(meeting),
        "resolution": MeetingResolution.objects.filter(meeting=meeting).first(),
        "resolution_tasks": list(services.tasks_of(meeting).select_related("owner")),
        "corrections": list(meeting.corrections.select_related("made_by__member")),
        "assessments": selectors.assessments(meeting),
        "result": result,
        "attendance_form": AttendanceForm(meeting=meeting) if change else None,
        "speech_form": SpeechForm(meeting=meeting) if change else None,
        "times_form": TimesForm(
            initial={
                "day": timezone.localtime(meeting.actual_start or meeting.planned_start).date(),
                "start_time": timezone.localtime(meeting.actual_start).time()
                if meeting.actual_start
                else None,
                "end_time": timezone.localtime(meeting.actual_end).time()
                if meeting.actual_end
                else None,
            }
        )
        if change
        else None,
        "document_form": DocumentForm() if change else None,
        "statuses": [c for c in AttendanceStatus.choices if c[0]],
        "previous": services.previous_meeting(meeting),
        "can_assess": change,
        "can_superior": meeting.organization.parent is not None
        and can(request.user, CHANGE, meeting.organization.parent),
    }
    return render(request, "meetings/meeting_detail.html", context)


@login_required
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    if not can(request.user, CHANGE, meeting):
        raise PermissionDenied(_("Đồng chí không có quyền sửa mục này."))
    form = MeetingForm(request.POST or None, user=request.user, instance=meeting)
    if wrote := write_form(
        request,
        form,
        lambda data: services.update_meeting(actor=request.user, meeting=meeting, **form.values()),
    ):
        messages.success(
            request, _("Đã lưu thay đổi.") if wrote.result else _("Không có gì thay đổi.")
        )
        return saved(request, _detail_url(meeting))
    return _form_page(
        request,
        form,
        title=_("Sửa lịch sinh hoạt"),
        back=_detail_url(meeting),
        subtitle=str(meeting),
    )


@login_required
@require_POST
def meeting_invite(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)

    def write() -> None:
        result = services.send_invitation(actor=request.user, meeting=meeting)
        messages.info(
            request,
            _("Đã mời %(n)d đảng viên (%(e)d thư điện tử).")
            % {"n": result.invited, "e": result.emailed},
        )

    return _run(request, write, _detail_url(meeting), _("Đã gửi giấy mời."))


@login_required
@require_POST
def document_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return saved(request, _detail_url(meeting, "documents"))
    return _run(
        request,
        lambda: services.add_document(
            actor=request.user,
            meeting=meeting,
            title=form.cleaned_data["title"],
            file=form.cleaned_data["file"],
        ),
        _detail_url(meeting, "documents"),
        _("Đã thêm tài liệu."),
    )


@login_required
@require_GET
def document_download(request: HttpRequest, document_id: int) -> FileResponse:
    return restricted_file(request, MeetingDocument.objects.all(), document_id)


@login_required
@require_GET
def meeting_ics(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    response = HttpResponse(
        services.calendar_file(meeting, stamp=timezone.now()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="sinh-hoat-{meeting.pk}.ics"'
    return response


@login_required
@require_POST
def attendance_record(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    form = AttendanceForm(request.POST, meeting=meeting)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return saved(request, _detail_url(meeting, "attendance"))
    data = form.cleaned_data
    return _run(
        request,
        lambda: services.record_attendance(
            actor=request.user,
            meeting=meeting,
            member=data["member"],
            status=data["status"],
            reason=data.get("reason") or "",
            late_minutes=data.get("late_minutes") or 0,
        ),
        _detail_url(meeting, "attendance"),
        _("Đã ghi điểm danh."),
    )


# --- QR check-in ------------------------------------------------------------------------------
def _qr_context(request: HttpRequest, meeting: Any) -> dict[str, Any]:
    now = timezone.now()
    code = services.checkin_code(meeting, now)
    url = (
        request.build_absolute_uri(reverse("meetings:check-in", args=[meeting.pk]))
        + f"?code={code}"
    )
    svg = segno.make(url, error="m").svg_inline(scale=6, dark="#111", light="#fff")
    rows = selectors.attendances(meeting)
    return {
        "meeting": meeting,
        # segno writes the SVG itself from the URL (no user text in it): safe to inline.
        "qr": mark_safe(svg),
        "url": url,
        "seconds": services.seconds_left(now),
        "open": services.in_window(meeting, now),
        "window": services.checkin_window(meeting),
        "present": [r for r in rows if r.status == AttendanceStatus.PRESENT],
        "invited": len(rows),
    }


@login_required
def checkin_screen(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The chair's screen: the rotating QR; htmx fetches a new one as each code turns over."""
    meeting = selectors.meeting_detail(request.user, meeting_id)
    if not can(request.user, CHANGE, meeting):
        raise PermissionDenied(_("Chỉ chủ trì, cấp ủy mới mở màn hình điểm danh."))
    context = _qr_context(request, meeting)
    if request.htmx:
        return render(request, "meetings/screen.html#qr", context)
    return render(request, "meetings/screen.html", context)


@login_required
def check_in(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The member's phone page the QR opens: one button to check in."""
    meeting = selectors.meeting_detail(request.user, meeting_id)
    code = request.POST.get("code") or request.GET.get("code") or ""
    error = ""
    done = None
    if request.method == "POST":
        try:
            done = services.check_in(actor=request.user, meeting=meeting, code=code)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except PermissionDenied as exc:
            log_security_event("authorization.refused", request, reason=str(exc))
            error = str(exc)
    return render(
        request,
        "meetings/check_in.html",
        {"meeting": meeting, "code": code, "error": error, "done": done},
        status=400 if error else 200,
    )


# --- minutes, speeches, review, resolution, closing, corrections ------------------------------
@login_required
@require_POST
def times_record(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    form = TimesForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return saved(request, _detail_url(meeting, "times"))
    return _run(
        request,
        lambda: services.record_times(actor=request.user, meeting=meeting, **form.values()),
        _detail_url(meeting, "times"),
        _("Đã ghi thời gian họp."),
    )


@login_required
def minutes_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    if not can(request.user, CHANGE, meeting):
        raise PermissionDenied(_("Đồng chí không có quyền sửa mục này."))
    minutes = Minutes.objects.filter(meeting=meeting).first()
    initial = {p: getattr(minutes, p) for p in MinutesForm.base_fields} if minutes else {}
    form = MinutesForm(request.POST or None, initial=initial)
    if write_form(
        request,
        form,
        lambda data: services.save_minutes(actor=request.user, meeting=meeting, **data),
    ):
        messages.success(request, _("Đã lưu biên bản."))
        return saved(request, _detail_url(meeting, "minutes"))
    return _form_page(
        request,
        form,
        title=_("Biên bản sinh hoạt"),
        back=_detail_url(meeting, "minutes"),
        subtitle=str(meeting),
    )


@login_required
@require_POST
def speech_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    form = SpeechForm(request.POST, meeting=meeting)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return saved(request, _detail_url(meeting, "speeches"))
    return _run(
        request,
        lambda: services.add_speech(actor=request.user, meeting=meeting, **form.cleaned_data),
        _detail_url(meeting, "speeches"),
        _("Đã ghi ý kiến phát biểu."),
    )


@login_required
@require_POST
def review_previous(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    return _run(
        request,
        lambda: services.review_previous(actor=request.user, meeting=meeting),
        _detail_url(meeting, "review"),
        _("Đã lấy tình hình các nhiệm vụ của nghị quyết tháng trước."),
    )


@login_required
def resolution_adopt(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    if not can(request.user, CHANGE, meeting):
        raise PermissionDenied(_("Đồng chí không có quyền sửa mục này."))
    form = ResolutionForm(
        request.POST or None,
        meeting=meeting,
        user=request.user,
        initial={"text": meeting.draft_resolution},
    )

    def write(data: dict[str, Any]) -> Any:
        tasks = [
            services.TaskSpec(
                title=data[f"task{n}_title"],
                expected_result=data[f"task{n}_expected"],
                owner=data[f"task{n}_owner"],
                due_date=data[f"task{n}_due"],
            )
            for n in range(1, TASK_SLOTS + 1)
            if data.get(f"task{n}_title")
        ]
        issues = (
            [services.FocusSpec(title=data["focus_title"], level=data["focus_level"], tasks=tasks)]
            if data.get("focus_title")
            else []
        )
        return services.adopt_resolution(
            actor=request.user,
            meeting=meeting,
            text=data["text"],
            number_symbol=data.get("number_symbol") or "",
            focus_issues=issues,
        )

    if write_form(request, form, write):
        messages.success(
            request, _("Đã thông qua nghị quyết; các nhiệm vụ đã vào danh sách nhiệm vụ.")
        )
        return saved(request, _detail_url(meeting, "resolution"))
    return _form_page(
        request,
        form,
        title=_("Nghị quyết của cuộc sinh hoạt"),
        back=_detail_url(meeting),
        subtitle=str(meeting),
    )


@login_required
@require_POST
def meeting_close(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    return _run(
        request,
        lambda: services.close_meeting(actor=request.user, meeting=meeting),
        _detail_url(meeting),
        _("Đã kết thúc cuộc sinh hoạt và khóa biên bản."),
    )


@login_required
def meeting_correct(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, meeting_id)
    if not can(request.user, CHANGE, meeting):
        raise PermissionDenied(_("Đồng chí không có quyền sửa mục này."))
    form = CorrectionForm(request.POST or None)
    if write_form(
        request,
        form,
        lambda data: services.correct_meeting(actor=request.user, meeting=meeting, **data),
    ):
        messages.success(request, _("Đã ghi đính chính."))
        return saved(request, _detail_url(meeting, "corrections"))
    return _form_page(
        request,
        form,
        title=_("Đính chính cuộc sinh hoạt đã kết thúc"),
        subtitle=_("Mọi đính chính được lưu lại cùng nội dung trước, sau và lý do."),
        back=_detail_url(meeting),
    )


# --- quality ----------------------------------------------------------------------------------
@login_required
def meeting_assess(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The committee's proposal, or with ?kind=superior the visiting superior member's."""
    meeting = selectors.meeting_detail(request.user, meeting_id)
    kind = request.GET.get("kind") or AssessmentKind.PROPOSAL
    if kind not in AssessmentKind.values:
        kind = AssessmentKind.PROPOSAL
    form = AssessmentForm(request.POST or None, limits=quality.people_max())
    if write_form(
        request,
        form,
        lambda data: services.assess_meeting(
            actor=request.user, meeting=meeting, kind=kind, **data
        ),
    ):
        messages.success(request, _("Đã ghi đánh giá chất lượng."))
        return saved(request, _detail_url(meeting, "quality"))
    title = (
        _("Đánh giá của đồng chí cấp ủy cấp trên")
        if kind == AssessmentKind.SUPERIOR
        else _("Cấp ủy đề xuất xếp loại chất lượng")
    )
    return _form_page(
        request,
        form,
        title=title,
        subtitle=_("Điểm tự động từ hồ sơ được cộng thêm; ở đây chấm phần còn lại của mỗi mục."),
        back=_detail_url(meeting, "quality"),
    )


@login_required
@require_POST
def assessment_confirm(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_detail(request.user, assessment_id)
    form = ConfirmForm(request.POST)
    back = _detail_url(assessment.meeting, "quality")
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return saved(request, back)
    return _run(
        request,
        lambda: services.confirm_assessment(
            actor=request.user, assessment=assessment, **form.cleaned_data
        ),
        back,
        _("Đã ghi ý kiến của đồng chí."),
    )
