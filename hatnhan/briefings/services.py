"""Every write on briefing duties and briefings: checked, atomic, audited. Bad input raises
ValidationError keyed by field and changes nothing; a refusal raises PermissionDenied.

Who may do what (roles in hatnhan.core.restrict):
- set or change a duty, ask for a briefing ad hoc: CHANGE on the organization (secretary,
  committee, bloc staff);
- file a briefing: its head (REPORT on their own duty through the `member` role), or the
  secretary/committee on the head's behalf (CHANGE) — the briefing then says so;
- acknowledge it and record conclusions, turn a conclusion into a task: CHANGE, never the
  head who briefed (the committee judges the briefing, not the one who gave it; a unified
  head's briefing is acknowledged by another committee member).

Lock order, for every write here: the briefing, then its conclusions (ascending id), then
whatever tasks.services locks, last the audit chain."""

import datetime as dt
from collections.abc import Sequence
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hatnhan.audit.services import snapshot
from hatnhan.core.restrict import CHANGE, REPORT, VIEW, can
from hatnhan.core.services import field_error, refuse_unknown, require, save_audited
from hatnhan.core.text import clean_text
from hatnhan.core.uploads import as_file, check_document, clean_original_name
from hatnhan.meetings.models import Meeting
from hatnhan.members.models import CommitteeSeat, Member, MemberStatus
from hatnhan.organizations.models import Organization
from hatnhan.tasks import services as task_services
from hatnhan.tasks.models import SourceKind, Task

from .models import (
    Briefing,
    BriefingDuty,
    BriefingFile,
    BriefingKind,
    BriefingStatus,
    Conclusion,
    Frequency,
)
from .schedule import duty_periods

DUTY_FIELDS = (
    "head",
    "head_title",
    "seat",
    "frequency",
    "due_days_after_period",
    "starts_on",
    "is_active",
)
CONTENT_FIELDS = ("results", "difficulties", "new_policies", "proposals")
MAX_FILES = 10
MAX_CONCLUSIONS = 30


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _is_head(actor: Any, head_id: int) -> bool:
    return actor is not None and getattr(actor, "member_id", None) == head_id


# --- duties ---------------------------------------------------------------------------------
def _check_duty(duty: BriefingDuty) -> None:
    head = Member.objects.select_related("organization").get(pk=duty.head_id)
    org = duty.organization
    if not head.organization.path.startswith(org.path):
        raise field_error(
            "head", f"Đồng chí {head} không sinh hoạt trong {org.name} hoặc tổ chức trực thuộc."
        )
    if head.status != MemberStatus.ACTIVE:
        raise field_error("head", f"Đồng chí {head} không còn đang sinh hoạt.")
    if duty.frequency not in Frequency.values:
        raise field_error(
            "frequency", "Định kỳ báo cáo không hợp lệ: hằng tháng, hằng quý hoặc 6 tháng."
        )
    if duty.seat_id is not None:
        seat = CommitteeSeat.objects.get(pk=duty.seat_id)
        if seat.member_id != duty.head_id or seat.organization_id != org.pk:
            raise field_error("seat", "Chức danh cấp ủy phải là của người đứng đầu, ở tổ chức này.")
        if seat.end_date is not None:
            raise field_error("seat", "Chức danh cấp ủy này đã kết thúc.")
    duty.head_title = clean_text(duty.head_title)


def _head_seat(head: Member, organization: Organization) -> CommitteeSeat | None:
    """The head's sitting seat on the organization's committee, the secretary's first: a
    unified head (NQ 18-NQ/TW) is recorded with the seat that makes them so."""
    seats = CommitteeSeat.objects.filter(
        member=head, organization=organization, end_date__isnull=True
    ).order_by("-is_agency_head", "role", "id")
    return seats.first()


@transaction.atomic
def create_duty(
    *,
    actor: Any,
    organization: Organization,
    head: Member,
    starts_on: dt.date,
    frequency: str = "",
    due_days_after_period: int | None = None,
    head_title: str = "",
    seat: CommitteeSeat | None = None,
) -> BriefingDuty:
    """Set who briefs the organization's committee and how often (QĐ 138 Art. 11: every six
    months unless the organization chooses monthly or quarterly)."""
    require(actor, CHANGE, organization)
    if BriefingDuty.objects.filter(organization=organization).exists():
        raise field_error(
            "organization", f"{organization.name} đã có chế độ thông báo: sửa chế độ hiện có."
        )
    duty = BriefingDuty(
        organization=organization,
        head=head,
        head_title=head_title or "",
        seat=seat if seat is not None else _head_seat(head, organization),
        starts_on=starts_on,
    )
    if frequency:
        duty.frequency = frequency
    if due_days_after_period is not None:
        duty.due_days_after_period = due_days_after_period
    _check_duty(duty)
    save_audited(
        actor=actor,
        obj=duty,
        action="briefing_duty.create",
        before=None,
        organization_path=organization.path,
    )
    return duty


@transaction.atomic
def update_duty(*, actor: Any, duty: BriefingDuty, **values: Any) -> bool:
    """Change the head, the frequency, the due day; audited. The organization stays."""
    refuse_unknown(values, DUTY_FIELDS)
    duty = BriefingDuty.objects.select_for_update().select_related("organization").get(pk=duty.pk)
    require(actor, CHANGE, duty)
    before = snapshot(duty)
    for field, value in values.items():
        setattr(duty, field, value)
    if "head" in values and "seat" not in values:
        duty.seat = _head_seat(duty.head, duty.organization)
    _check_duty(duty)
    return save_audited(
        actor=actor,
        obj=duty,
        action="briefing_duty.update",
        before=before,
        organization_path=duty.organization.path,
    )


# --- asking for and filing briefings --------------------------------------------------------
@transaction.atomic
def request_briefing(
    *,
    actor: Any,
    duty: BriefingDuty,
    due_date: dt.date,
    request_note: str,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    today: dt.date | None = None,
) -> Briefing:
    """The committee asks the head for a briefing outside the schedule (QĐ 138 Art. 11:
    "khi được yêu cầu"), with its own due date."""
    require(actor, CHANGE, duty)
    today = today or timezone.localdate()
    note = (request_note or "").strip()
    if not note:
        raise field_error("request_note", "Ghi rõ cấp ủy yêu cầu báo cáo nội dung gì.")
    if due_date < today:
        raise field_error("due_date", "Hạn báo cáo không được trước hôm nay.")
    if not duty.is_active:
        raise field_error("duty", "Chế độ thông báo này đã ngừng áp dụng.")
    briefing = Briefing(
        duty=duty,
        organization=duty.organization,
        kind=BriefingKind.REQUESTED,
        status=BriefingStatus.REQUESTED,
        period_start=period_start or today,
        period_end=period_end or today,
        due_date=due_date,
        head=duty.head,
        request_note=note,
        requested_by=_user(actor),
        requested_at=timezone.now(),
    )
    save_audited(
        actor=actor,
        obj=briefing,
        action="briefing.request",
        before=None,
        organization_path=duty.organization.path,
    )
    return briefing


def _check_files(files: Sequence[IO[bytes]]) -> list[tuple[IO[bytes], str, str, int]]:
    if len(files) > MAX_FILES:
        raise field_error("files", f"Mỗi báo cáo đính kèm tối đa {MAX_FILES} tệp.")
    checked = []
    for upload in files:
        name = clean_original_name(getattr(upload, "name", "") or "")
        try:
            kind, size = check_document(upload, label=f"Tệp “{name}”")
        except ValidationError as exc:
            raise ValidationError({"files": exc.messages}) from exc
        checked.append((upload, name, kind, size))
    return checked


def _require_filer(actor: Any, duty: BriefingDuty) -> None:
    """The head on their own duty, or those who lead the organization on the head's behalf."""
    require(actor, REPORT, duty)
    if actor is not None and not _is_head(actor, duty.head_id):
        require(actor, CHANGE, duty)


def _fill(briefing: Briefing, content: dict[str, Any]) -> None:
    for field in CONTENT_FIELDS:
        setattr(briefing, field, (content.get(field) or "").strip())
    if not briefing.results:
        raise field_error("results", "Ghi kết quả thực hiện nhiệm vụ chính trị của cơ quan.")


def _store(actor: Any, briefing: Briefing, checked: list[tuple[IO[bytes], str, str, int]]) -> None:
    for upload, name, kind, size in checked:
        stored = BriefingFile(
            briefing=briefing,
            file_name=name,
            file_kind=kind,
            file_size=size,
            uploaded_by=_user(actor),
        )
        stored.file = as_file(upload, name=name)
        save_audited(
            actor=actor,
            obj=stored,
            action="briefing.file",
            before=None,
            organization_path=briefing.organization.path,
        )


@transaction.atomic
def file_briefing(
    *,
    actor: Any,
    duty: BriefingDuty,
    period_start: dt.date,
    results: str,
    difficulties: str = "",
    new_policies: str = "",
    proposals: str = "",
    files: Sequence[IO[bytes]] = (),
    now: dt.datetime | None = None,
) -> Briefing:
    """The head briefs the committee for one period of the duty's schedule (QĐ 138 Art. 11):
    the state of the political task, the agency's new policies, proposals, files."""
    duty = BriefingDuty.objects.select_for_update().select_related("organization").get(pk=duty.pk)
    _require_filer(actor, duty)
    if not duty.is_active:
        raise field_error("duty", "Chế độ thông báo này đã ngừng áp dụng.")
    now = now or timezone.now()
    today = timezone.localdate(now)
    period = next(
        (p for p in duty_periods(duty, period_start.year) if p.start == period_start), None
    )
    if period is None:
        raise field_error("period_start", "Không phải một kỳ báo cáo của chế độ thông báo này.")
    if period.start > today:
        raise field_error("period_start", "Kỳ báo cáo này chưa bắt đầu.")
    if Briefing.objects.filter(
        duty=duty, kind=BriefingKind.PERIODIC, period_start=period.start
    ).exists():
        raise field_error("period_start", f"Kỳ {period.label} đã có báo cáo.")
    checked = _check_files(list(files))
    briefing = Briefing(
        duty=duty,
        organization=duty.organization,
        kind=BriefingKind.PERIODIC,
        status=BriefingStatus.SUBMITTED,
        period_start=period.start,
        period_end=period.end,
        due_date=period.due,
        head=duty.head,
        submitted_at=now,
        submitted_by=_user(actor),
    )
    _fill(
        briefing,
        {
            "results": results,
            "difficulties": difficulties,
            "new_policies": new_policies,
            "proposals": proposals,
        },
    )
    try:
        with transaction.atomic():
            save_audited(
                actor=actor,
                obj=briefing,
                action="briefing.submit",
                before=None,
                organization_path=duty.organization.path,
            )
    except IntegrityError as exc:  # filed at the same moment by another
        raise field_error("period_start", f"Kỳ {period.label} đã có báo cáo.") from exc
    _store(actor, briefing, checked)
    return briefing


def _locked(briefing: Briefing) -> Briefing:
    return (
        Briefing.objects.select_for_update(of=("self",))
        .select_related("organization", "duty")
        .get(pk=briefing.pk)
    )


@transaction.atomic
def submit_requested(
    *,
    actor: Any,
    briefing: Briefing,
    results: str,
    difficulties: str = "",
    new_policies: str = "",
    proposals: str = "",
    files: Sequence[IO[bytes]] = (),
    now: dt.datetime | None = None,
) -> Briefing:
    """The head answers a briefing the committee asked for."""
    briefing = _locked(briefing)
    _require_filer(actor, briefing.duty)
    if briefing.status != BriefingStatus.REQUESTED:
        raise field_error("status", "Báo cáo này đã được gửi.")
    checked = _check_files(list(files))
    before = snapshot(briefing)
    _fill(
        briefing,
        {
            "results": results,
            "difficulties": difficulties,
            "new_policies": new_policies,
            "proposals": proposals,
        },
    )
    briefing.status = BriefingStatus.SUBMITTED
    briefing.submitted_at = now or timezone.now()
    briefing.submitted_by = _user(actor)
    save_audited(
        actor=actor,
        obj=briefing,
        action="briefing.submit",
        before=before,
        organization_path=briefing.organization.path,
    )
    _store(actor, briefing, checked)
    return briefing


# --- the committee's side -------------------------------------------------------------------
def _require_committee(actor: Any, briefing: Briefing) -> None:
    require(actor, CHANGE, briefing)
    if _is_head(actor, briefing.head_id):
        raise PermissionDenied(
            "Người đứng đầu đã báo cáo không tự ghi nhận, kết luận báo cáo của mình: "
            "một đồng chí khác trong cấp ủy ghi nhận."
        )


def can_acknowledge(user: Any, briefing: Briefing) -> bool:
    return (
        briefing.status == BriefingStatus.SUBMITTED
        and not _is_head(user, briefing.head_id)
        and can(user, CHANGE, briefing)
    )


def can_convert(user: Any, briefing: Briefing) -> bool:
    return (
        briefing.status == BriefingStatus.ACKNOWLEDGED
        and not _is_head(user, briefing.head_id)
        and can(user, CHANGE, briefing)
    )


def _clean_conclusions(conclusions: Sequence[str]) -> list[str]:
    cleaned = [c.strip() for c in conclusions if c and c.strip()]
    if len(cleaned) > MAX_CONCLUSIONS:
        raise field_error("conclusions", f"Tối đa {MAX_CONCLUSIONS} kết luận mỗi lần.")
    for number, text in enumerate(cleaned, start=1):
        if len(text) > 2000:
            raise field_error("conclusions", f"Kết luận {number} dài quá 2000 ký tự.")
    return cleaned


@transaction.atomic
def acknowledge_briefing(
    *,
    actor: Any,
    briefing: Briefing,
    conclusions: Sequence[str] = (),
    acknowledgment_note: str = "",
    acknowledged_on: dt.date | None = None,
    meeting: Meeting | None = None,
) -> Briefing:
    """The committee acknowledges the briefing at its meeting and records its conclusions
    (QĐ 138 Art. 11: the committee discusses and concludes). Once: a second acknowledgment
    (two secretaries at once) is refused."""
    briefing = _locked(briefing)
    _require_committee(actor, briefing)
    if briefing.status == BriefingStatus.REQUESTED:
        raise field_error("status", "Người đứng đầu chưa gửi báo cáo này.")
    if briefing.status == BriefingStatus.ACKNOWLEDGED:
        raise field_error("status", "Cấp ủy đã ghi nhận báo cáo này.")
    today = timezone.localdate()
    day = acknowledged_on or today
    if day > today:
        raise field_error("acknowledged_on", "Ngày họp cấp ủy không được sau hôm nay.")
    if day < briefing.submitted_on:
        raise field_error("acknowledged_on", "Ngày họp cấp ủy không được trước ngày báo cáo.")
    texts = _clean_conclusions(conclusions)
    note = (acknowledgment_note or "").strip()
    if not texts and not note:
        raise field_error("conclusions", "Ghi ít nhất một kết luận hoặc ý kiến của cấp ủy.")
    before = snapshot(briefing)
    briefing.status = BriefingStatus.ACKNOWLEDGED
    briefing.acknowledged_at = timezone.now()
    briefing.acknowledged_by = _user(actor)
    briefing.acknowledged_on = day
    briefing.acknowledgment_note = note
    _set_meeting(actor, briefing, meeting)
    save_audited(
        actor=actor,
        obj=briefing,
        action="briefing.acknowledge",
        before=before,
        organization_path=briefing.organization.path,
    )
    for position, text in enumerate(texts, start=1):
        save_audited(
            actor=actor,
            obj=Conclusion(briefing=briefing, position=position, text=text),
            action="briefing.conclusion",
            before=None,
            organization_path=briefing.organization.path,
        )
    return briefing


def _set_meeting(actor: Any, briefing: Briefing, meeting: Meeting | None) -> None:
    """The meeting the committee acknowledged it at (optional): one of the organization's
    own meetings, which the actor may see."""
    if meeting is None:
        return
    if actor is not None and not can(actor, VIEW, meeting):
        raise field_error("meeting", "Không tìm thấy cuộc họp này.")
    if meeting.organization_id != briefing.organization_id:
        raise field_error("meeting", "Cuộc họp không phải của tổ chức này.")
    briefing.meeting = meeting


@transaction.atomic
def conclusion_to_task(
    *,
    actor: Any,
    conclusion: Conclusion,
    owner: Member,
    due_date: dt.date,
    expected_result: str,
    title: str = "",
    today: dt.date | None = None,
) -> Task:
    """Turn one conclusion into a task in one step (tasks.services, source = this briefing).
    Once: the second of two secretaries converting it at the same time is refused."""
    briefing = _locked(conclusion.briefing)
    conclusion = Conclusion.objects.select_for_update().get(pk=conclusion.pk)
    _require_committee(actor, briefing)
    if briefing.status != BriefingStatus.ACKNOWLEDGED:
        raise field_error("status", "Báo cáo chưa được cấp ủy ghi nhận.")
    if conclusion.task_id is not None:
        raise field_error("conclusion", "Kết luận này đã thành nhiệm vụ.")
    task = task_services.create_task(
        actor=actor,
        organization=briefing.organization,
        title=clean_text(title) or clean_text(conclusion.text)[:500],
        description=conclusion.text,
        expected_result=expected_result,
        owner=owner,
        due_date=due_date,
        source_kind=SourceKind.BRIEFING,
        source_ref=briefing.ref,
        today=today,
    )
    before = snapshot(conclusion)
    conclusion.task = task
    save_audited(
        actor=actor,
        obj=conclusion,
        action="briefing.conclusion_task",
        before=before,
        organization_path=briefing.organization.path,
    )
    return task
