"""Every write on inspections: programs, cases and their steps, findings, recommendations (as
remediation tasks), re-checks, spot checks, and the read log. Checked, atomic, audited; bad
input raises ValidationError keyed by field and writes nothing; a refusal raises
PermissionDenied.

The rules, with their clauses (Quy định 296-QĐ/TW, 2025; REGULATIONS.md §3):
- a case runs preparation → conduct → conclusion in that order (QĐ 296 Chapter II, the
  procedure of an inspection): a step is done only when the case stands at it; a step passed
  over is recorded as skipped with its reason; the conclusion is never skipped;
- the conclusion rests on findings or on a recorded "no violation" (QĐ 296 Chapter II);
- each recommendation becomes a task of the subject's organization, owned there, with a
  deadline (the subject remedies what the conclusion asks of it);
- the case closes when every remediation task is accepted, or the body records why it closes
  anyway.
Who may write: CHANGE on the case by INSPECTION_CASE_ACCESS (hatnhan.core.restrict); the
subject's self-report: CHANGE on the subject's side (SubjectCase) or on the case.

Lock order: the case row first (`_locked`), then tasks (through hatnhan.tasks.services, which
locks them itself), last the audit chain."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hatnhan.audit.services import snapshot
from hatnhan.core.restrict import CHANGE, VIEW, access_rules, can, grants, reach
from hatnhan.core.services import field_error, require, save_audited
from hatnhan.core.text import clean_text
from hatnhan.core.uploads import as_file, check_document, clean_original_name
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization
from hatnhan.tasks import services as task_services
from hatnhan.tasks.models import SourceKind, Task, TaskStatus

from .models import (
    PHASE_OF_STEP,
    STEP_ORDER,
    Body,
    Case,
    CaseEntry,
    CaseRead,
    CaseStep,
    EntryKind,
    Finding,
    FindingEvidence,
    ItemKind,
    ItemResult,
    Phase,
    Program,
    ProgramItem,
    Recheck,
    Recommendation,
    SpotCheck,
    SpotCheckResult,
    Step,
    StepOutcome,
    SubjectCase,
)

REFUSED = "Đồng chí không có quyền thực hiện thao tác này."
# Steps that are never passed over: the decision opens the case in law, the conclusion is
# what it is for (QĐ 296), and closing has its own rule (close_case).
UNSKIPPABLE = {Step.CONCLUSION, Step.FOLLOW_UP, Step.CLOSED}
# Steps with their own service (they record what the step produced).
OWN_SERVICE = {
    Step.DECISION: "record_decision",
    Step.TEAM: "set_team",
    Step.PLAN: "record_plan",
    Step.NOTICE: "send_notice",
    Step.SELF_REPORT: "record_self_report",
    Step.MEETING: "record_meeting",
    Step.CONCLUSION: "record_conclusion",
    Step.FOLLOW_UP: "close_case",
}


def severities() -> dict[str, str]:
    """The severity scale in force (INSPECTION_SEVERITIES), code -> label, lowest first."""
    return dict(settings.INSPECTION_SEVERITIES)


def checklist() -> dict[str, str]:
    """The spot-check checklist in force (INSPECTION_SPOT_CHECKLIST), code -> item."""
    return dict(settings.INSPECTION_SPOT_CHECKLIST)


def step_due(step: str, since: dt.date) -> dt.date | None:
    """The day a step reached on `since` is due by INSPECTION_STEP_DAYS (None: no limit)."""
    days = settings.INSPECTION_STEP_DAYS.get(step)
    return since + dt.timedelta(days=int(days)) if days is not None else None


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("organization").get(pk=case.pk)


def _require_change(actor: Any, case: Case) -> None:
    require(actor, CHANGE, case)


def _audit(actor: Any, obj: Any, action: str, case: Case, before: dict[str, Any] | None) -> None:
    save_audited(
        actor=actor,
        obj=obj,
        action=action,
        before=before,
        organization_path=case.organization.path,
    )


def _check_subject(organization: Organization, member: Member | None) -> None:
    if member is not None and member.organization_id != organization.pk:
        raise field_error(
            "subject_member",
            "Đảng viên được kiểm tra phải sinh hoạt ở tổ chức được kiểm tra đã chọn.",
        )


def _check_inside(inspecting: Organization, subject: Organization) -> None:
    # QĐ 296: a body inspects and supervises its own organization and those beneath it.
    if not subject.path.startswith(inspecting.path):
        raise field_error(
            "subject_organization",
            "Tổ chức được kiểm tra phải là tổ chức này hoặc tổ chức cấp dưới của nó.",
        )


def may_inspect(actor: Any, organization: Organization, action: str = CHANGE) -> bool:
    """Whether `actor` may open cases and programs of `organization`'s bodies: `action` by
    the cases' access table (INSPECTION_CASE_ACCESS) on a record of that organization, read
    before any row exists. `actor=None` is the operator's command line."""
    if actor is None:
        return True
    rules = access_rules(Case) or {}
    path = organization.path
    if any(path.startswith(p) for p in reach(actor, action, rules.get("subtree", {}))):
        return True
    body = rules.get("body", {})
    return any(p == path and action in body.get(role, ()) for role, p in grants(actor))


# --- the program ---------------------------------------------------------------------------
@transaction.atomic
def create_program(
    *,
    actor: Any,
    organization: Organization,
    body: str,
    year: int,
    title: str,
    number_symbol: str = "",
    approved_on: dt.date | None = None,
) -> Program:
    """The year's program of a committee or of its inspection committee."""
    program = Program(
        organization=organization,
        body=body,
        year=year,
        title=clean_text(title),
        number_symbol=clean_text(number_symbol),
        approved_on=approved_on,
        created_by=_user(actor),
    )
    if not may_inspect(actor, organization):
        raise PermissionDenied(REFUSED)
    save_audited(
        actor=actor,
        obj=program,
        action="inspection_program.create",
        before=None,
        organization_path=organization.path,
    )
    return program


@transaction.atomic
def add_program_item(
    *,
    actor: Any,
    program: Program,
    kind: str,
    subject_organization: Organization,
    content: str,
    planned_start: dt.date,
    planned_end: dt.date,
    subject_member: Member | None = None,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    team: str = "",
) -> ProgramItem:
    require(actor, CHANGE, program)
    _check_inside(program.organization, subject_organization)
    _check_subject(subject_organization, subject_member)
    if planned_start.year != program.year and planned_end.year != program.year:
        raise field_error(
            "planned_start", f"Nội dung phải được thực hiện trong năm {program.year}."
        )
    item = ProgramItem(
        program=program,
        kind=kind,
        subject_organization=subject_organization,
        subject_member=subject_member,
        content=(content or "").strip(),
        period_start=period_start,
        period_end=period_end,
        team=(team or "").strip(),
        planned_start=planned_start,
        planned_end=planned_end,
    )
    save_audited(
        actor=actor,
        obj=item,
        action="inspection_item.create",
        before=None,
        organization_path=program.organization.path,
    )
    return item


# --- cases and their steps -----------------------------------------------------------------
@transaction.atomic
def open_case(
    *,
    actor: Any,
    organization: Organization,
    body: str,
    kind: str,
    subject_organization: Organization,
    title: str,
    subject_member: Member | None = None,
    content: str = "",
    program_item: ProgramItem | None = None,
    today: dt.date | None = None,
) -> Case:
    """Open a case at its first step (the decision). From a program item, its body,
    organization, kind and subject are the item's."""
    if program_item is not None:
        program_item = ProgramItem.objects.select_related("program__organization").get(
            pk=program_item.pk
        )
        if actor is not None and not can(actor, VIEW, program_item):
            raise field_error("program_item", "Không tìm thấy nội dung chương trình này.")
        organization = program_item.program.organization
        body = program_item.program.body
        kind = program_item.kind
        subject_organization = program_item.subject_organization
        subject_member = program_item.subject_member
        content = content or program_item.content
    _check_inside(organization, subject_organization)
    _check_subject(subject_organization, subject_member)
    today = today or timezone.localdate()
    case = Case(
        organization=organization,
        body=body,
        program_item=program_item,
        kind=kind,
        subject_organization=subject_organization,
        subject_member=subject_member,
        title=clean_text(title),
        content=(content or "").strip(),
        step=Step.DECISION,
        step_since=today,
        created_by=_user(actor),
    )
    if not may_inspect(actor, organization):
        raise PermissionDenied(REFUSED)
    save_audited(
        actor=actor,
        obj=case,
        action="inspection_case.create",
        before=None,
        organization_path=organization.path,
    )
    return case


def _advance(
    actor: Any,
    case: Case,
    step: str,
    *,
    outcome: str = StepOutcome.DONE,
    note: str = "",
    skip_reason: str = "",
    on: dt.date | None = None,
) -> CaseStep:
    """Record `step` done (or skipped) and move the case to the next step. The case must
    stand at `step` (QĐ 296: the procedure runs in order)."""
    if case.step == Step.CLOSED:
        raise field_error("step", "Cuộc kiểm tra đã kết thúc: không ghi thêm bước.")
    if case.step != step:
        if STEP_ORDER.index(step) < STEP_ORDER.index(case.step):
            raise field_error("step", f"Bước “{Step(step).label}” đã được ghi trước đó.")
        raise field_error(
            "step",
            f"Chưa thể ghi bước “{Step(step).label}”: cuộc kiểm tra đang ở bước "
            f"“{Step(case.step).label}” (thực hiện hoặc ghi lý do bỏ qua bước đó trước).",
        )
    today = on or timezone.localdate()
    record = CaseStep(
        case=case,
        step=step,
        outcome=outcome,
        note=(note or "").strip(),
        skip_reason=(skip_reason or "").strip(),
        started_on=case.step_since,
        due_on=step_due(step, case.step_since),
        done_on=today,
        done_by=_user(actor),
    )
    _audit(actor, record, f"inspection_step.{outcome}", case, None)
    before = snapshot(case)
    case.step = STEP_ORDER[STEP_ORDER.index(step) + 1]
    case.step_since = today
    _audit(actor, case, "inspection_case.step", case, before)
    return record


def _set_fields(actor: Any, case: Case, action: str, **values: Any) -> None:
    before = snapshot(case)
    for name, value in values.items():
        setattr(case, name, value)
    _audit(actor, case, action, case, before)


def _text(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise field_error(field, f"Chưa nhập “{label}”.")
    return value


@transaction.atomic
def record_decision(
    *, actor: Any, case: Case, number: str, decided_on: dt.date, today: dt.date | None = None
) -> Case:
    """Preparation: the decision with its number and symbol (QĐ 296 Chapter II, preparation)."""
    case = _locked(case)
    _require_change(actor, case)
    number = clean_text(number)
    if not number:
        raise field_error("number", "Chưa nhập “Số, ký hiệu quyết định”.")
    _set_fields(
        actor, case, "inspection_case.decision", decision_number=number, decision_date=decided_on
    )
    _advance(actor, case, Step.DECISION, note=number, on=today)
    return case


@transaction.atomic
def set_team(
    *,
    actor: Any,
    case: Case,
    head: Member,
    members: Iterable[Member] = (),
    today: dt.date | None = None,
) -> Case:
    """Preparation: the team and its head (members reachable by the inspecting body)."""
    case = _locked(case)
    _require_change(actor, case)
    people = [head, *members]
    if actor is not None:
        visible = set(
            Member.objects.restrict(actor, VIEW)
            .filter(pk__in=[m.pk for m in people])
            .values_list("pk", flat=True)
        )
        if head.pk not in visible:
            raise field_error("head", "Không tìm thấy đảng viên được chọn làm trưởng đoàn.")
        if any(m.pk not in visible for m in members):
            raise field_error("members", "Có thành viên đoàn ngoài phạm vi của đồng chí.")
    if case.subject_member_id and case.subject_member_id in {m.pk for m in people}:
        raise field_error("members", "Đối tượng được kiểm tra không thể là thành viên đoàn.")
    _set_fields(actor, case, "inspection_case.team", team_head=head)
    case.team.set({m.pk for m in people})
    _advance(actor, case, Step.TEAM, note=", ".join(m.full_name for m in people), on=today)
    return case


@transaction.atomic
def record_plan(*, actor: Any, case: Case, plan: str, today: dt.date | None = None) -> Case:
    case = _locked(case)
    _require_change(actor, case)
    _set_fields(actor, case, "inspection_case.plan", plan=_text(plan, "plan", "Kế hoạch"))
    _advance(actor, case, Step.PLAN, on=today)
    return case


@transaction.atomic
def send_notice(
    *, actor: Any, case: Case, notice: str, sent_on: dt.date, today: dt.date | None = None
) -> Case:
    """Preparation ends by telling the subject (QĐ 296; the cell example: notify the member at
    the previous meeting). From here the subject's side sees the case."""
    case = _locked(case)
    _require_change(actor, case)
    notice = _text(notice, "notice", "Thông báo cho đối tượng")
    _set_fields(actor, case, "inspection_case.notice", notice=notice, notice_date=sent_on)
    _advance(actor, case, Step.NOTICE, on=today)
    return case


def may_write_self_report(user: Any, case: Case) -> bool:
    """The subject's side (its organization's leaders, or the member) or the team."""
    if user is None:
        return True
    subject = SubjectCase.objects.filter(pk=case.pk)
    return subject.restrict(user, CHANGE).exists() or subject.restrict(user, "report").exists()


@transaction.atomic
def record_self_report(*, actor: Any, case: Case, text: str, today: dt.date | None = None) -> Case:
    """Conduct begins with the subject's self-report (QĐ 296: tự kiểm điểm, báo cáo)."""
    case = _locked(case)
    if not (may_write_self_report(actor, case) or can(actor, CHANGE, case)):
        raise PermissionDenied(REFUSED)
    text = _text(text, "text", "Báo cáo tự kiểm điểm")
    _set_fields(actor, case, "inspection_case.self_report", self_report=text)
    _advance(actor, case, Step.SELF_REPORT, on=today)
    return case


PLAIN_STEPS = {Step.VERIFICATION, Step.WORKING_SESSIONS, Step.DOCUMENTS, Step.FINDINGS}
PLAIN_STEPS |= {Step.RECOMMENDATIONS}


@transaction.atomic
def complete_step(
    *, actor: Any, case: Case, step: str, note: str = "", today: dt.date | None = None
) -> CaseStep:
    """A step whose work is the entries, findings or recommendations recorded under it."""
    case = _locked(case)
    _require_change(actor, case)
    if step not in PLAIN_STEPS:
        raise field_error("step", "Bước này được ghi bằng biểu mẫu riêng của nó.")
    if (
        step == Step.RECOMMENDATIONS
        and not case.no_violation
        and not Recommendation.objects.filter(finding__case=case).exists()
    ):
        raise field_error(
            "step",
            "Chưa có kiến nghị khắc phục nào: ghi kiến nghị, hoặc ghi lý do bỏ qua bước này.",
        )
    return _advance(actor, case, step, note=note, on=today)


@transaction.atomic
def skip_step(
    *, actor: Any, case: Case, step: str, reason: str, today: dt.date | None = None
) -> CaseStep:
    """Pass over the step the case stands at, with the reason recorded (QĐ 296: no step is
    left out silently). The conclusion and closing are never skipped."""
    case = _locked(case)
    _require_change(actor, case)
    if step in UNSKIPPABLE:
        raise field_error("step", f"Không được bỏ qua bước “{Step(step).label}”.")
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "Bỏ qua một bước phải ghi rõ lý do.")
    return _advance(actor, case, step, outcome=StepOutcome.SKIPPED, skip_reason=reason, on=today)


@transaction.atomic
def record_meeting(
    *, actor: Any, case: Case, held_on: dt.date, note: str = "", today: dt.date | None = None
) -> Case:
    """Conclusion phase: the inspecting body meets on the team's report."""
    case = _locked(case)
    _require_change(actor, case)
    _set_fields(actor, case, "inspection_case.meeting", meeting_date=held_on)
    _advance(actor, case, Step.MEETING, note=note, on=today)
    return case


@transaction.atomic
def add_entry(
    *,
    actor: Any,
    case: Case,
    kind: str,
    happened_on: dt.date,
    text: str,
    file: IO[bytes] | None = None,
    file_name: str = "",
) -> CaseEntry:
    """The team's working record during conduct: never shown to the subject."""
    case = _locked(case)
    _require_change(actor, case)
    if PHASE_OF_STEP[case.step] != Phase.CONDUCT:
        raise field_error(
            "kind", "Ghi chép thẩm tra, làm việc, tài liệu chỉ ghi trong bước tiến hành."
        )
    if kind not in EntryKind.values:
        raise field_error("kind", "Loại ghi chép không hợp lệ.")
    entry = CaseEntry(
        case=case,
        kind=kind,
        happened_on=happened_on,
        text=_text(text, "text", "Nội dung"),
        recorded_by=_user(actor),
    )
    if file is not None:
        kind_, size = check_document(file, label="Tệp")
        entry.file_kind, entry.file_size = kind_, size
        entry.file_name = clean_original_name(file_name or getattr(file, "name", ""))
        entry.file = as_file(file, name=entry.file_name)
    _audit(actor, entry, "inspection_entry.create", case, None)
    return entry


FINDING_STEPS = {Step.VERIFICATION, Step.WORKING_SESSIONS, Step.DOCUMENTS, Step.MEETING}
FINDING_STEPS |= {Step.FINDINGS, Step.SELF_REPORT}


def _check_severity(severity: str) -> None:
    if severity not in severities():
        raise field_error("severity", "Chọn mức độ theo thang đã quy định.")


@transaction.atomic
def add_finding(
    *,
    actor: Any,
    case: Case,
    title: str,
    severity: str,
    description: str = "",
    evidence: str = "",
    files: Sequence[IO[bytes]] = (),
    checklist_result: SpotCheckResult | None = None,
) -> Finding:
    """A finding, with its severity and evidence, before the conclusion is written."""
    case = _locked(case)
    _require_change(actor, case)
    if case.step not in FINDING_STEPS:
        raise field_error(
            "title",
            "Chỉ ghi nội dung phát hiện trong bước tiến hành hoặc trước khi kết luận "
            f"(cuộc kiểm tra đang ở bước “{Step(case.step).label}”).",
        )
    if case.no_violation:
        raise field_error("title", "Cuộc kiểm tra đã ghi “không có vi phạm”.")
    _check_severity(severity)
    checked = [(f, *check_document(f, label=f"Tệp {i}")) for i, f in enumerate(files, 1)]
    finding = Finding(
        case=case,
        title=_text(clean_text(title), "title", "Nội dung phát hiện"),
        severity=severity,
        description=(description or "").strip(),
        evidence=(evidence or "").strip(),
        checklist_result=checklist_result,
        recorded_by=_user(actor),
    )
    _audit(actor, finding, "inspection_finding.create", case, None)
    for upload, kind, size in checked:
        name = clean_original_name(getattr(upload, "name", ""))
        stored = FindingEvidence(
            finding=finding,
            file_name=name,
            file_kind=kind,
            file_size=size,
            uploaded_by=_user(actor),
        )
        stored.file = as_file(upload, name=name)
        _audit(actor, stored, "inspection_evidence.create", case, None)
    return finding


@transaction.atomic
def record_conclusion(
    *,
    actor: Any,
    case: Case,
    conclusion: str,
    number: str,
    concluded_on: dt.date,
    no_violation: bool = False,
    today: dt.date | None = None,
) -> Case:
    """The conclusion (QĐ 296: the body concludes on findings): it needs at least one finding,
    or a recorded "no violation" when nothing was found."""
    case = _locked(case)
    _require_change(actor, case)
    conclusion = _text(conclusion, "conclusion", "Kết luận")
    has_findings = case.findings.exists()
    if no_violation and has_findings:
        raise field_error(
            "no_violation", "Đã ghi nội dung phát hiện: không thể kết luận “không có vi phạm”."
        )
    if not no_violation and not has_findings:
        raise field_error(
            "conclusion",
            "Kết luận phải dựa trên nội dung phát hiện, hoặc ghi rõ “không có vi phạm”.",
        )
    if case.step == Step.CONCLUSION:
        pass
    elif case.step != Step.FINDINGS:
        raise field_error(
            "conclusion",
            f"Chưa thể kết luận: cuộc kiểm tra đang ở bước “{Step(case.step).label}”.",
        )
    else:
        _advance(actor, case, Step.FINDINGS, on=today)
    _set_fields(
        actor,
        case,
        "inspection_case.conclusion",
        conclusion=conclusion,
        conclusion_number=clean_text(number),
        conclusion_date=concluded_on,
        no_violation=no_violation,
    )
    _advance(actor, case, Step.CONCLUSION, on=today)
    if no_violation:
        # Nothing to remedy: the recommendations step is passed over, with the reason.
        _advance(
            actor,
            case,
            Step.RECOMMENDATIONS,
            outcome=StepOutcome.SKIPPED,
            skip_reason="Kết luận không có vi phạm: không có kiến nghị khắc phục.",
            on=today,
        )
    return case


@transaction.atomic
def add_recommendation(
    *,
    actor: Any,
    finding: Finding,
    text: str,
    owner: Member,
    due_date: dt.date,
    title: str = "",
    today: dt.date | None = None,
) -> Recommendation:
    """A recommendation of the conclusion, carried out as a task in the subject's
    organization: owned by a member there, with a deadline (source = this finding)."""
    finding = Finding.objects.select_related("case").get(pk=finding.pk)
    case = _locked(finding.case)
    _require_change(actor, case)
    if case.step != Step.RECOMMENDATIONS:
        raise field_error(
            "text",
            "Kiến nghị khắc phục được ghi sau khi có kết luận "
            f"(cuộc kiểm tra đang ở bước “{Step(case.step).label}”).",
        )
    text = _text(text, "text", "Kiến nghị, yêu cầu khắc phục")
    owner = Member.objects.select_related("organization").get(pk=owner.pk)
    subject = case.subject_organization
    if not owner.organization.path.startswith(subject.path):
        raise field_error(
            "owner",
            f"Người chịu trách nhiệm khắc phục phải là đảng viên của {subject.name} "
            "(tổ chức được kiểm tra).",
        )
    if actor is not None and not can(actor, CHANGE, subject):
        raise PermissionDenied(
            "Đồng chí không có quyền giao nhiệm vụ ở tổ chức được kiểm tra: việc giao nhiệm "
            "vụ khắc phục cần cấp ủy viên hoặc cán bộ của cơ quan kiểm tra."
        )
    task = task_services.create_task(
        actor=actor,
        organization=subject,
        title=clean_text(title) or f"Khắc phục: {finding.title}"[:500],
        expected_result=text,
        owner=owner,
        due_date=due_date,
        description=f"Theo kết luận {case.conclusion_number or ''} — {case.title}".strip(),
        source_kind=SourceKind.INSPECTION_FINDING,
        source_ref=finding.task_ref,
        today=today,
    )
    recommendation = Recommendation(finding=finding, text=text, task=task, created_by=_user(actor))
    _audit(actor, recommendation, "inspection_recommendation.create", case, None)
    return recommendation


def open_remediation(case: Case) -> list[Task]:
    """Remediation tasks of the case not yet accepted (cancelled ones count as not done)."""
    return [
        r.task
        for r in Recommendation.objects.filter(finding__case=case).select_related("task")
        if r.task.status != TaskStatus.DONE
    ]


@transaction.atomic
def close_case(*, actor: Any, case: Case, reason: str = "", today: dt.date | None = None) -> Case:
    """End the follow-up and close: every remediation task accepted, or the body records why
    it closes anyway."""
    case = _locked(case)
    _require_change(actor, case)
    if case.step != Step.FOLLOW_UP:
        raise field_error(
            "reason",
            f"Chưa thể kết thúc: cuộc kiểm tra đang ở bước “{Step(case.step).label}”.",
        )
    reason = (reason or "").strip()
    still_open = open_remediation(case)
    if still_open and not reason:
        raise field_error(
            "reason",
            f"Còn {len(still_open)} nhiệm vụ khắc phục chưa được nghiệm thu: chờ nghiệm thu, "
            "hoặc ghi lý do kết thúc.",
        )
    today = today or timezone.localdate()
    _advance(actor, case, Step.FOLLOW_UP, note=reason, on=today)
    _set_fields(
        actor,
        case,
        "inspection_case.close",
        closed_on=today,
        close_anyway_reason=reason if still_open else "",
    )
    return case


# --- re-checks -----------------------------------------------------------------------------
@transaction.atomic
def schedule_recheck(*, actor: Any, case: Case, scheduled_on: dt.date, purpose: str) -> Recheck:
    """A re-check of the remediation, after the conclusion."""
    case = _locked(case)
    _require_change(actor, case)
    if STEP_ORDER.index(case.step) <= STEP_ORDER.index(Step.CONCLUSION):
        raise field_error("scheduled_on", "Chỉ lên lịch phúc tra sau khi đã có kết luận.")
    recheck = Recheck(
        case=case,
        scheduled_on=scheduled_on,
        purpose=_text(purpose, "purpose", "Nội dung phúc tra"),
        scheduled_by=_user(actor),
    )
    _audit(actor, recheck, "inspection_recheck.create", case, None)
    return recheck


@transaction.atomic
def record_recheck(*, actor: Any, recheck: Recheck, done_on: dt.date, result: str) -> Recheck:
    case = _locked(recheck.case)
    _require_change(actor, case)
    recheck = Recheck.objects.select_for_update().get(pk=recheck.pk)
    before = snapshot(recheck)
    recheck.done_on = done_on
    recheck.result = _text(result, "result", "Kết quả phúc tra")
    recheck.recorded_by = _user(actor)
    _audit(actor, recheck, "inspection_recheck.done", case, before)
    return recheck


# --- spot checks ---------------------------------------------------------------------------
@transaction.atomic
def record_spot_check(
    *,
    actor: Any,
    case: Case,
    checked_on: dt.date,
    results: Mapping[str, str],
    notes: Mapping[str, str] | None = None,
    place: str = "",
    note: str = "",
) -> SpotCheck:
    """A spot check against the checklist in force: a result for every item."""
    case = _locked(case)
    _require_change(actor, case)
    if case.kind != ItemKind.SPOT_CHECK:
        raise field_error("checked_on", "Chỉ cuộc kiểm tra đột xuất kỷ luật hành chính có phiếu.")
    if PHASE_OF_STEP[case.step] != Phase.CONDUCT:
        raise field_error("checked_on", "Phiếu kiểm tra được ghi trong bước tiến hành.")
    items = checklist()
    unknown = sorted(set(results) - set(items))
    if unknown:
        raise field_error(f"item_{unknown[0]}", f"Không có tiêu chí “{unknown[0]}”.")
    for code, label in items.items():
        if results.get(code) not in ItemResult.values:
            raise field_error(f"item_{code}", f"Chưa chọn kết quả cho tiêu chí “{label}”.")
    spot = SpotCheck(
        case=case,
        checked_on=checked_on,
        place=clean_text(place),
        note=(note or "").strip(),
        recorded_by=_user(actor),
    )
    _audit(actor, spot, "inspection_spot_check.create", case, None)
    for code, label in items.items():
        row = SpotCheckResult(
            spot_check=spot,
            item_code=code,
            item_label=label,
            result=results[code],
            note=((notes or {}).get(code) or "").strip(),
        )
        _audit(actor, row, "inspection_spot_result.create", case, None)
    return spot


@transaction.atomic
def finding_from_item(
    *, actor: Any, result: SpotCheckResult, severity: str, title: str = "", evidence: str = ""
) -> Finding:
    """A failed checklist item becomes a finding in one step."""
    result = SpotCheckResult.objects.select_related("spot_check__case").get(pk=result.pk)
    if result.result != ItemResult.FAILED:
        raise field_error("severity", "Chỉ tiêu chí “Không đạt” mới trở thành nội dung phát hiện.")
    if Finding.objects.filter(checklist_result=result).exists():
        raise field_error("severity", "Tiêu chí này đã thành nội dung phát hiện.")
    spot = result.spot_check
    return add_finding(
        actor=actor,
        case=spot.case,
        title=title or f"{result.item_label}: không đạt ({spot.checked_on:%d/%m/%Y})",
        severity=severity,
        description=result.note,
        evidence=evidence
        or f"Phiếu kiểm tra đột xuất ngày {spot.checked_on:%d/%m/%Y}"
        + (f", {spot.place}" if spot.place else ""),
        checklist_result=result,
    )


# --- the read log --------------------------------------------------------------------------
def log_read(*, user: Any, case: Case, what: str, detail: str = "") -> CaseRead | None:
    """Every read of a case (who, when, what), kept even when the page then fails. The log
    itself is the audit of reads: it is append-only, never an audited change."""
    if getattr(user, "pk", None) is None:
        return None
    return CaseRead.objects.create(case=case, user=user, what=what, detail=detail[:255])


def validate_choice(value: str, allowed: Iterable[str], field: str, label: str) -> None:
    if value not in set(allowed):
        raise ValidationError({field: [f"“{label}”: lựa chọn không hợp lệ."]})


__all__ = [
    "Body",
    "add_entry",
    "add_finding",
    "add_program_item",
    "add_recommendation",
    "close_case",
    "complete_step",
    "create_program",
    "finding_from_item",
    "log_read",
    "open_case",
    "open_remediation",
    "record_conclusion",
    "record_decision",
    "record_meeting",
    "record_plan",
    "record_recheck",
    "record_self_report",
    "record_spot_check",
    "schedule_recheck",
    "send_notice",
    "set_team",
    "skip_step",
]
