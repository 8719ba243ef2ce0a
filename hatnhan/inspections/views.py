"""Pages of inspection and supervision: the board, programs, cases with their steps as a
timeline, the forms of each step, spot checks, the Word documents, the read log, and the
subject's own view. Thin: selectors read through the restriction, services write; every read
of a case is logged (services.log_read)."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hatnhan.core.docx import docx_response
from hatnhan.core.downloads import restricted_file
from hatnhan.core.filters import filter_list
from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, VIEW, can
from hatnhan.core.views import form_page, saved

from . import documents, forms, selectors, services
from .filters import CaseFilter
from .models import (
    CaseEntry,
    FindingEvidence,
    ItemKind,
    ItemResult,
    Phase,
    ReadWhat,
    Recheck,
    SpotCheckResult,
    Step,
)

# Every record app's form pages share one template (errors in place, htmx posting).
_form_page = partial(form_page, template="directives/form.html")


def _write_page(
    request: HttpRequest,
    form: Any,
    write: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    back: str,
    done: str,
    subtitle: str = "",
) -> HttpResponse:
    if write_form(request, form, write):
        messages.success(request, done)
        return saved(request, back)
    return _form_page(request, form, title=title, back=back, subtitle=subtitle)


def _changeable_case(request: HttpRequest, case_id: int) -> Any:
    case = selectors.case_detail(request.user, case_id)
    if not can(request.user, CHANGE, case):
        raise PermissionDenied(_("Đồng chí không có quyền ghi vào cuộc kiểm tra này."))
    return case


# --- the board and programs ------------------------------------------------------------------
@login_required
def board(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = today.year
    return render(
        request,
        "inspections/board.html",
        {
            **selectors.board(request.user, today, year),
            "year": year,
            "today": today,
            "programs": selectors.program_list(request.user).filter(year=year)[:20],
            "can_open": bool(forms._inspecting_organizations(request.user)),
        },
    )


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.program_list(request.user))
    return render(
        request,
        "inspections/program_list.html",
        {"page": page, "can_open": bool(forms._inspecting_organizations(request.user))},
    )


@login_required
def program_create(request: HttpRequest) -> HttpResponse:
    if not forms._inspecting_organizations(request.user):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = forms.ProgramForm(request.POST or None, user=request.user)
    if wrote := write_form(
        request, form, lambda data: services.create_program(actor=request.user, **data)
    ):
        messages.success(request, _("Đã lập chương trình."))
        return saved(request, reverse("inspections:program", args=[wrote.result.pk]))
    return _form_page(
        request,
        form,
        title=_("Lập chương trình kiểm tra, giám sát"),
        back=reverse("inspections:programs"),
    )


@login_required
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    program = selectors.program_detail(request.user, program_id)
    items = list(selectors.program_items(request.user).filter(program=program))
    progress = selectors.item_progress(items)
    return render(
        request,
        "inspections/program_detail.html",
        {
            "program": program,
            "rows": [(item, progress[item.pk]) for item in items],
            "done": sum(1 for s in progress.values() if s == "closed"),
            "running": sum(1 for s in progress.values() if s == "running"),
            "can_change": can(request.user, CHANGE, program),
        },
    )


@login_required
def item_create(request: HttpRequest, program_id: int) -> HttpResponse:
    program = selectors.program_detail(request.user, program_id)
    if not can(request.user, CHANGE, program):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = forms.ProgramItemForm(request.POST or None, user=request.user, program=program)
    back = reverse("inspections:program", args=[program.pk])
    return _write_page(
        request,
        form,
        lambda data: services.add_program_item(actor=request.user, program=program, **data),
        title=_("Thêm nội dung chương trình"),
        back=back,
        done=_("Đã thêm nội dung."),
        subtitle=str(program),
    )


# --- cases -----------------------------------------------------------------------------------
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    filterset, cases = filter_list(CaseFilter, request, selectors.case_list(request.user))
    page = paginate(request, cases)
    return render(
        request,
        "inspections/case_list.html",
        {
            "page": page,
            "filterset": filterset,
            "filter_problems": filterset.problems(),
            "steps": Step.choices,
            "kinds": ItemKind.choices,
            "step": request.GET.get("step", ""),
            "kind": request.GET.get("kind", ""),
            "can_open": bool(forms._inspecting_organizations(request.user)),
        },
    )


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    if not forms._inspecting_organizations(request.user):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = forms.CaseForm(request.POST or None, user=request.user)
    if wrote := write_form(
        request, form, lambda data: services.open_case(actor=request.user, **data)
    ):
        messages.success(request, _("Đã mở cuộc kiểm tra, giám sát."))
        return saved(request, reverse("inspections:case", args=[wrote.result.pk]))
    return _form_page(
        request, form, title=_("Mở cuộc kiểm tra, giám sát"), back=reverse("inspections:cases")
    )


@login_required
def case_from_item(request: HttpRequest, program_item_id: int) -> HttpResponse:
    item = get_object_or_404(selectors.program_items(request.user), pk=program_item_id)
    if not can(request.user, CHANGE, item):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    form = forms.CaseFromItemForm(
        request.POST or None, user=request.user, initial={"title": item.content[:500]}
    )
    if wrote := write_form(
        request,
        form,
        lambda data: services.open_case(
            actor=request.user,
            organization=item.program.organization,
            body=item.program.body,
            kind=item.kind,
            subject_organization=item.subject_organization,
            program_item=item,
            **data,
        ),
    ):
        messages.success(request, _("Đã mở cuộc kiểm tra, giám sát."))
        return saved(request, reverse("inspections:case", args=[wrote.result.pk]))
    return _form_page(
        request,
        form,
        title=_("Mở cuộc kiểm tra, giám sát"),
        back=reverse("inspections:program", args=[item.program_id]),
        subtitle=str(item),
    )


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_detail(request.user, case_id)
    services.log_read(user=request.user, case=case, what=ReadWhat.CASE)
    today = timezone.localdate()
    steps = selectors.case_steps(case)
    findings = selectors.case_findings(case)
    remediation = selectors.remediation(case)
    can_change = can(request.user, CHANGE, case)
    step_form = None
    if can_change and case.step != Step.CLOSED:
        step_form = _step_form(request, case, data=None)
    return render(
        request,
        "inspections/case_detail.html",
        {
            "case": case,
            "timeline": selectors.timeline(case, steps, today),
            "findings": findings,
            "entries": list(case.entries.select_related("recorded_by__member")),
            "rechecks": list(case.rechecks.all()),
            "spot_checks": selectors.spot_checks(case) if case.kind == ItemKind.SPOT_CHECK else [],
            "team": list(case.team.all()),
            "remediation": remediation,
            "remediation_done": sum(1 for t in remediation if t.status == "done"),
            "severities": services.severities(),
            "today": today,
            "can_change": can_change,
            "step_form": step_form,
            "phase": case.phase,
            "in_conduct": case.phase == Phase.CONDUCT,
            "may_find": case.step in services.FINDING_STEPS and not case.no_violation,
            "may_recommend": case.step == Step.RECOMMENDATIONS,
            "may_skip": case.step not in services.UNSKIPPABLE,
            "after_conclusion": selectors.conclusion_sent(case),
            "failed": ItemResult.FAILED,
        },
    )


def _step_form(request: HttpRequest, case: Any, data: Any) -> Any:
    form_class = forms.STEP_FORMS[case.step]
    extra = {"case": case} if form_class is forms.TeamForm else {}
    return form_class(data, request.FILES or None, user=request.user, **extra)


def _step_write(request: HttpRequest, case: Any) -> Callable[[dict[str, Any]], Any]:
    step, actor = case.step, request.user
    if step == Step.DECISION:
        return lambda d: services.record_decision(actor=actor, case=case, **d)
    if step == Step.TEAM:
        return lambda d: services.set_team(actor=actor, case=case, **d)
    if step == Step.PLAN:
        return lambda d: services.record_plan(actor=actor, case=case, **d)
    if step == Step.NOTICE:
        return lambda d: services.send_notice(actor=actor, case=case, **d)
    if step == Step.SELF_REPORT:
        return lambda d: services.record_self_report(actor=actor, case=case, **d)
    if step == Step.MEETING:
        return lambda d: services.record_meeting(actor=actor, case=case, **d)
    if step == Step.CONCLUSION:
        return lambda d: services.record_conclusion(actor=actor, case=case, **d)
    if step == Step.FOLLOW_UP:
        return lambda d: services.close_case(actor=actor, case=case, **d)
    return lambda d: services.complete_step(actor=actor, case=case, step=step, **d)


@login_required
def case_step(request: HttpRequest, case_id: int) -> HttpResponse:
    """The form of the step the case stands at (GET shows it, POST records it)."""
    case = _changeable_case(request, case_id)
    back = reverse("inspections:case", args=[case.pk])
    if case.step == Step.CLOSED:
        messages.info(request, _("Cuộc kiểm tra đã kết thúc."))
        return redirect(back)
    form = _step_form(request, case, request.POST or None)
    return _write_page(
        request,
        form,
        _step_write(request, case),
        title=case.get_step_display(),
        back=back,
        done=_("Đã ghi bước “%(step)s”.") % {"step": case.get_step_display()},
        subtitle=str(case),
    )


@login_required
def case_skip(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _changeable_case(request, case_id)
    back = reverse("inspections:case", args=[case.pk])
    form = forms.SkipForm(request.POST or None, user=request.user)
    label = case.get_step_display()
    return _write_page(
        request,
        form,
        lambda d: services.skip_step(actor=request.user, case=case, step=case.step, **d),
        title=_("Bỏ qua bước “%(step)s”") % {"step": label},
        back=back,
        done=_("Đã bỏ qua bước “%(step)s”, có ghi lý do.") % {"step": label},
        subtitle=str(case),
    )


@login_required
def entry_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _changeable_case(request, case_id)
    form = forms.EntryForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"happened_on": timezone.localdate()},
    )
    return _write_page(
        request,
        form,
        lambda d: services.add_entry(actor=request.user, case=case, **d),
        title=_("Ghi chép của đoàn"),
        back=reverse("inspections:case", args=[case.pk]),
        done=_("Đã ghi."),
        subtitle=str(case),
    )


@login_required
def finding_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _changeable_case(request, case_id)
    form = forms.FindingForm(request.POST or None, request.FILES or None, user=request.user)

    def write(data: dict[str, Any]) -> Any:
        upload = data.pop("files", None)
        return services.add_finding(
            actor=request.user, case=case, files=[upload] if upload else [], **data
        )

    return _write_page(
        request,
        form,
        write,
        title=_("Ghi nội dung phát hiện"),
        back=reverse("inspections:case", args=[case.pk]),
        done=_("Đã ghi nội dung phát hiện."),
        subtitle=str(case),
    )


@login_required
def recommend(request: HttpRequest, finding_id: int) -> HttpResponse:
    finding = get_object_or_404(
        selectors.Finding.objects.restrict(request.user, VIEW).select_related(
            "case__subject_organization"
        ),
        pk=finding_id,
    )
    case = _changeable_case(request, finding.case_id)
    form = forms.RecommendationForm(request.POST or None, user=request.user, case=case)
    return _write_page(
        request,
        form,
        lambda d: services.add_recommendation(actor=request.user, finding=finding, **d),
        title=_("Kiến nghị khắc phục"),
        back=reverse("inspections:case", args=[case.pk]),
        done=_("Đã ghi kiến nghị và giao nhiệm vụ khắc phục."),
        subtitle=str(finding),
    )


@login_required
def recheck_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _changeable_case(request, case_id)
    form = forms.RecheckForm(request.POST or None, user=request.user)
    return _write_page(
        request,
        form,
        lambda d: services.schedule_recheck(actor=request.user, case=case, **d),
        title=_("Lên lịch phúc tra"),
        back=reverse("inspections:case", args=[case.pk]),
        done=_("Đã lên lịch phúc tra."),
        subtitle=str(case),
    )


@login_required
def recheck_done(request: HttpRequest, recheck_id: int) -> HttpResponse:
    recheck = get_object_or_404(Recheck.objects.restrict(request.user, VIEW), pk=recheck_id)
    case = _changeable_case(request, recheck.case_id)
    form = forms.RecheckDoneForm(
        request.POST or None, user=request.user, initial={"done_on": timezone.localdate()}
    )
    return _write_page(
        request,
        form,
        lambda d: services.record_recheck(actor=request.user, recheck=recheck, **d),
        title=_("Kết quả phúc tra"),
        back=reverse("inspections:case", args=[case.pk]),
        done=_("Đã ghi kết quả phúc tra."),
        subtitle=str(case),
    )


@login_required
def spot_check_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _changeable_case(request, case_id)
    form = forms.SpotCheckForm(
        request.POST or None, user=request.user, initial={"checked_on": timezone.localdate()}
    )
    return _write_page(
        request,
        form,
        lambda d: services.record_spot_check(
            actor=request.user, case=case, **form.service_values()
        ),
        title=_("Phiếu kiểm tra đột xuất kỷ luật, kỷ cương hành chính"),
        back=reverse("inspections:case", args=[case.pk]),
        done=_("Đã ghi phiếu kiểm tra."),
        subtitle=str(case),
    )


@login_required
def spot_finding(request: HttpRequest, spot_result_id: int) -> HttpResponse:
    """A failed checklist item becomes a finding in one step."""
    result = get_object_or_404(
        SpotCheckResult.objects.restrict(request.user, VIEW).select_related("spot_check"),
        pk=spot_result_id,
    )
    case = _changeable_case(request, result.spot_check.case_id)
    form = forms.SpotFindingForm(request.POST or None, user=request.user)
    return _write_page(
        request,
        form,
        lambda d: services.finding_from_item(actor=request.user, result=result, **d),
        title=_("Chuyển thành nội dung phát hiện"),
        back=reverse("inspections:case", args=[case.pk]),
        done=_("Đã ghi nội dung phát hiện từ tiêu chí không đạt."),
        subtitle=str(result),
    )


@login_required
@require_GET
def decision_docx(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_detail(request.user, case_id)
    services.log_read(user=request.user, case=case, what=ReadWhat.DECISION_DOCX)
    return docx_response(documents.decision(case), filename=f"quyet-dinh-kiem-tra-{case.pk}")


@login_required
@require_GET
def conclusion_docx(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_detail(request.user, case_id)
    return _conclusion(request, case, ReadWhat.CONCLUSION_DOCX)


def _conclusion(request: HttpRequest, case: Any, what: str) -> HttpResponse:
    if not selectors.conclusion_sent(case):
        messages.error(request, _("Cuộc kiểm tra chưa có kết luận."))
        return redirect(reverse("inspections:case", args=[case.pk]))
    services.log_read(user=request.user, case=case, what=what)
    doc = documents.conclusion_notice(case, selectors.case_findings(case), services.severities())
    return docx_response(doc, filename=f"thong-bao-ket-luan-{case.pk}")


@login_required
def read_log(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_detail(request.user, case_id)
    return render(
        request,
        "inspections/read_log.html",
        {"case": case, "reads": selectors.reads(case)},
    )


# --- the subject's side ----------------------------------------------------------------------
@login_required
def subject_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.subject_cases(request.user))
    return render(request, "inspections/subject_list.html", {"page": page})


@login_required
def subject_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """What is asked of the subject: the notice, its self-report, the conclusion sent to it,
    its remediation tasks. Never the team's notes, findings in progress or read log."""
    case = selectors.subject_case(request.user, case_id)
    services.log_read(user=request.user, case=case, what=ReadWhat.SUBJECT_VIEW)
    form = None
    if case.step == Step.SELF_REPORT and services.may_write_self_report(request.user, case):
        form = forms.SelfReportForm(request.POST or None, user=request.user)
        if write_form(
            request,
            form,
            lambda d: services.record_self_report(actor=request.user, case=case, **d),
        ):
            messages.success(request, _("Đã gửi báo cáo tự kiểm điểm."))
            return saved(request, reverse("inspections:subject", args=[case.pk]))
    sent = selectors.conclusion_sent(case)
    return render(
        request,
        "inspections/subject_detail.html",
        {
            "case": case,
            "form": form,
            "sent": sent,
            "findings": selectors.case_findings(case) if sent else [],
            "remediation": selectors.remediation(case) if sent else [],
            "severities": services.severities(),
        },
    )


@login_required
@require_GET
def subject_conclusion_docx(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.subject_case(request.user, case_id)
    return _conclusion(request, case, ReadWhat.CONCLUSION_DOCX)


# --- files -----------------------------------------------------------------------------------
@login_required
@require_GET
def evidence_download(request: HttpRequest, finding_file_id: int) -> FileResponse:
    return restricted_file(request, FindingEvidence.objects.all(), finding_file_id)


@login_required
@require_GET
def entry_download(request: HttpRequest, case_entry_id: int) -> FileResponse:
    return restricted_file(request, CaseEntry.objects.all(), case_entry_id)
