"""Every write on meetings: schedule, invite, check in, minutes, resolution, close, correct,
assess. Checked, atomic, audited; bad input raises ValidationError keyed by field and writes
nothing; a refusal raises PermissionDenied.

Who may do what: scheduling, inviting, attendance by hand, minutes, the resolution, closing,
corrections and the committee's proposal need CHANGE on the meeting's organization (its
secretary and committee, or bloc staff). A member checks in and confirms the proposal
themselves. The visiting superior committee member's assessment needs CHANGE on an
organization above the meeting's.

Lock order, for every write here: the meeting row first (`_locked`), then its attendance rows
in ascending id, then the task loop's rows (through its own services), last the audit chain.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hatnhan.audit.services import record_event, snapshot
from hatnhan.core.restrict import CHANGE, can
from hatnhan.core.services import field_error, refuse_unknown, require, save_audited
from hatnhan.core.text import clean_text, search_key
from hatnhan.core.uploads import as_file, check_document, clean_original_name
from hatnhan.directives import services as directive_services
from hatnhan.directives.models import FocusLevel, ResolutionKind
from hatnhan.members.models import CommitteeSeat, Member, MemberStatus
from hatnhan.organizations.models import Organization
from hatnhan.tasks import services as task_services
from hatnhan.tasks.models import Notification, NotificationKind, SourceKind, Task

from . import ics
from .models import (
    MINUTES_PARTS,
    AssessmentKind,
    Attendance,
    AttendanceStatus,
    CheckInMethod,
    Correction,
    Meeting,
    MeetingBody,
    MeetingDocument,
    MeetingKind,
    MeetingResolution,
    MeetingState,
    Minutes,
    QualityAssessment,
    QualityConfirmation,
    Speech,
    TaskReview,
)

MEETING_FIELDS = (
    "body",
    "kind",
    "title",
    "year",
    "month",
    "quarter",
    "has_thematic_part",
    "topic",
    "place",
    "planned_start",
    "planned_minutes",
    "agenda",
    "chair",
    "minutes_taker",
    "committee_met_on",
    "draft_resolution",
    "superior_attendee",
)
# What a correction of a closed meeting may change (each kept as a Correction).
CORRECTABLE = (*MINUTES_PARTS, "actual_start", "actual_end", "agenda", "place")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _locked(meeting: Meeting) -> Meeting:
    """The meeting row, locked until commit (first in the lock order)."""
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=meeting.pk)
    )


def _audit(actor: Any, action: str, obj: Any, before: dict | None, org: Organization) -> None:
    record_event(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=snapshot(obj),
        organization_path=org.path,
    )


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def _require_open(meeting: Meeting, field: str = "state") -> None:
    if meeting.state == MeetingState.CLOSED:
        raise field_error(
            field,
            "Cuộc sinh hoạt đã kết thúc và khóa biên bản: "
            "chỉ sửa được bằng đính chính có ghi lý do.",
        )


def _check_person(member: Member | None, organization: Organization, field: str) -> None:
    if member is None:
        return
    if not member.organization.path.startswith(organization.path) and not (
        organization.path.startswith(member.organization.path)
    ):
        raise field_error(field, f"Đồng chí {member.full_name} không thuộc tổ chức này.")
    if member.status != MemberStatus.ACTIVE:
        raise field_error(field, f"Đồng chí {member.full_name} không đang sinh hoạt.")


def _derive(meeting: Meeting) -> None:
    """The rules a schedule keeps (HD 42 / Chỉ thị 50): a regular meeting serves one month,
    a thematic one a quarter and never the month's regular meeting; no overlap in one cell."""
    meeting.title = clean_text(meeting.title)
    meeting.place = clean_text(meeting.place)
    meeting.topic = clean_text(meeting.topic)
    meeting.agenda = (meeting.agenda or "").strip()
    if meeting.kind not in MeetingKind.values:
        raise field_error("kind", "Loại sinh hoạt không hợp lệ.")
    if meeting.body not in MeetingBody.values:
        raise field_error("body", "Thành phần không hợp lệ.")
    if not meeting.place:
        raise field_error("place", "Ghi địa điểm sinh hoạt.")
    if meeting.planned_start is None:
        raise field_error("planned_start", "Ghi thời gian bắt đầu dự kiến.")
    if not 1930 <= meeting.planned_start.year <= 2200:
        raise field_error("planned_start", "Thời gian bắt đầu dự kiến không hợp lệ.")
    if meeting.planned_minutes is None or meeting.planned_minutes < 15:
        raise field_error("planned_minutes", "Thời lượng dự kiến ít nhất 15 phút.")
    if meeting.planned_minutes > 24 * 60:
        raise field_error("planned_minutes", "Thời lượng dự kiến không quá 24 giờ.")
    local = timezone.localtime(meeting.planned_start)
    if not meeting.year:
        meeting.year = local.year
    if meeting.kind == MeetingKind.THEMATIC:
        if meeting.month:
            raise field_error(
                "month",
                "Sinh hoạt chuyên đề không thay thế sinh hoạt thường kỳ của tháng: "
                "không ghi tháng thường kỳ cho cuộc chuyên đề.",
            )
        if meeting.has_thematic_part:
            raise field_error(
                "has_thematic_part", "Chỉ sinh hoạt thường kỳ mới kết hợp phần chuyên đề."
            )
        if not meeting.topic:
            raise field_error("topic", "Ghi tên chuyên đề.")
        if not meeting.quarter:
            meeting.quarter = quarter_of(local.month)
    else:
        if not meeting.month:
            meeting.month = local.month
        if not 1 <= meeting.month <= 12:
            raise field_error("month", "Tháng phải từ 1 đến 12.")
        meeting.quarter = quarter_of(meeting.month)
        if meeting.has_thematic_part and not meeting.topic:
            raise field_error("topic", "Ghi tên chuyên đề của phần sinh hoạt chuyên đề.")
    if not 1 <= (meeting.quarter or 0) <= 4:
        raise field_error("quarter", "Quý phải từ 1 đến 4.")
    for field in ("chair", "minutes_taker"):
        _check_person(getattr(meeting, field), meeting.organization, field)
    if meeting.kind == MeetingKind.REGULAR:
        clash = Meeting.objects.filter(
            organization=meeting.organization,
            body=meeting.body,
            kind=MeetingKind.REGULAR,
            year=meeting.year,
            month=meeting.month,
        ).exclude(pk=meeting.pk)
        if clash.exists():
            raise field_error(
                "month",
                f"Tổ chức này đã có cuộc sinh hoạt thường kỳ tháng {meeting.month}/{meeting.year}.",
            )
    end = meeting.planned_start + dt.timedelta(minutes=meeting.planned_minutes)
    day = meeting.planned_start - dt.timedelta(days=1)
    for other in Meeting.objects.filter(
        organization=meeting.organization,
        planned_start__lt=end,
        planned_start__gt=day - dt.timedelta(days=1),
    ).exclude(pk=meeting.pk):
        if other.planned_start < end and meeting.planned_start < other.planned_end:
            raise field_error(
                "planned_start",
                "Trùng thời gian với cuộc sinh hoạt khác của tổ chức này "
                f"({other}, {timezone.localtime(other.planned_start):%H:%M %d/%m/%Y}).",
            )
    meeting.search_text = search_key(" ".join([str(meeting), meeting.topic, meeting.place]))[:900]


@transaction.atomic
def schedule_meeting(
    *,
    actor: Any,
    organization: Organization,
    planned_start: dt.datetime,
    place: str,
    kind: str = MeetingKind.REGULAR,
    body: str = MeetingBody.CELL,
    planned_minutes: int = 120,
    year: int | None = None,
    month: int | None = None,
    quarter: int | None = None,
    title: str = "",
    topic: str = "",
    has_thematic_part: bool = False,
    agenda: str = "",
    chair: Member | None = None,
    minutes_taker: Member | None = None,
    draft_resolution: str = "",
    committee_met_on: dt.date | None = None,
) -> Meeting:
    """A meeting of `organization` on the calendar (state: planned)."""
    require(actor, CHANGE, organization)
    if body == MeetingBody.CELL and not organization.is_cell:
        # A grassroots organization with sub-cells meets as its committee; members meet in
        # their cells.
        raise field_error(
            "body",
            "Chỉ chi bộ mới sinh hoạt toàn thể; đảng bộ chọn thành phần “Cấp ủy”.",
        )
    meeting = Meeting(
        organization=organization,
        planned_start=planned_start,
        place=place,
        kind=kind,
        body=body,
        planned_minutes=planned_minutes,
        year=year or 0,
        month=month,
        quarter=quarter or 0,
        title=title,
        topic=topic,
        has_thematic_part=has_thematic_part,
        agenda=agenda,
        chair=chair,
        minutes_taker=minutes_taker,
        draft_resolution=(draft_resolution or "").strip(),
        draft_ready_at=timezone.now() if (draft_resolution or "").strip() else None,
        committee_met_on=committee_met_on,
        created_by=_user(actor),
    )
    _derive(meeting)
    save_audited(
        actor=actor,
        obj=meeting,
        action="meeting.schedule",
        before=None,
        organization_path=organization.path,
    )
    return meeting


@transaction.atomic
def update_meeting(*, actor: Any, meeting: Meeting, **values: Any) -> bool:
    """Change a meeting not yet closed (MEETING_FIELDS); True if anything changed."""
    refuse_unknown(values, MEETING_FIELDS)
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    _require_open(meeting)
    before = snapshot(meeting)
    for field, value in values.items():
        setattr(meeting, field, value.strip() if isinstance(value, str) else value)
    if "draft_resolution" in values and meeting.draft_resolution and not meeting.draft_ready_at:
        meeting.draft_ready_at = timezone.now()
    if meeting.kind == MeetingKind.THEMATIC and "month" not in values:
        meeting.month = None
    _derive(meeting)
    return save_audited(
        actor=actor,
        obj=meeting,
        action="meeting.update",
        before=before,
        organization_path=meeting.organization.path,
    )


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The `nth` (1–4, or -1 for the last) `weekday` (0 = Monday) of the month."""
    if nth == -1:
        last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


@transaction.atomic
def generate_year(
    *,
    actor: Any,
    organization: Organization,
    year: int,
    place: str,
    weekday: int = 1,
    nth: int = 1,
    start_time: dt.time = dt.time(14, 0),
    planned_minutes: int = 120,
    body: str = MeetingBody.CELL,
    chair: Member | None = None,
    minutes_taker: Member | None = None,
) -> list[Meeting]:
    """A year's regular meetings in one step: every month's `nth` `weekday` (default the
    first Tuesday) at `start_time`. Months that already have their regular meeting are left
    as they are; a clash with another meeting refuses the whole year, naming the month."""
    require(actor, CHANGE, organization)
    if not 0 <= weekday <= 6:
        raise field_error("weekday", "Thứ trong tuần không hợp lệ.")
    if nth not in (1, 2, 3, 4, -1):
        raise field_error("nth", "Chọn tuần thứ 1 đến 4 hoặc tuần cuối.")
    if not 1930 <= year <= 2200:
        raise field_error("year", "Năm không hợp lệ.")
    taken = set(
        Meeting.objects.filter(
            organization=organization, body=body, kind=MeetingKind.REGULAR, year=year
        ).values_list("month", flat=True)
    )
    made: list[Meeting] = []
    for month in range(1, 13):
        if month in taken:
            continue
        day = nth_weekday(year, month, weekday, nth)
        start = timezone.make_aware(dt.datetime.combine(day, start_time))
        try:
            made.append(
                schedule_meeting(
                    actor=actor,
                    organization=organization,
                    planned_start=start,
                    place=place,
                    body=body,
                    planned_minutes=planned_minutes,
                    year=year,
                    month=month,
                    chair=chair,
                    minutes_taker=minutes_taker,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                {f"Tháng {month}": [m for ms in error.message_dict.values() for m in ms]}
            ) from error
    return made


# --- invitation -------------------------------------------------------------------------------
def invitees(meeting: Meeting) -> list[Member]:
    """Who is invited: every active member of the cell, or the committee's sitting members."""
    if meeting.body == MeetingBody.COMMITTEE:
        seats = CommitteeSeat.objects.filter(
            organization=meeting.organization, end_date__isnull=True
        ).values("member_id")
        members = Member.objects.filter(pk__in=seats, status=MemberStatus.ACTIVE)
    else:
        members = Member.objects.filter(
            organization=meeting.organization, status=MemberStatus.ACTIVE
        )
    return list(members.select_related("account").order_by("sort_key", "id"))


def calendar_file(meeting: Meeting, *, stamp: dt.datetime, sequence: int = 0) -> str:
    lines = [meeting.agenda] if meeting.agenda else []
    if meeting.topic:
        lines.append(f"Chuyên đề: {meeting.topic}")
    return ics.event(
        uid=ics.uid_for(meeting.pk),
        start=meeting.planned_start,
        end=meeting.planned_end,
        summary=f"{meeting} — {meeting.organization.name}",
        location=meeting.place,
        description="\n".join(lines),
        stamp=stamp,
        sequence=sequence,
    )


def _invitation_text(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.planned_start)
    text = (
        f"Kính mời đồng chí dự {meeting} của {meeting.organization.name}, "
        f"lúc {start:%H:%M} ngày {start:%d/%m/%Y} tại {meeting.place}."
    )
    if meeting.topic:
        text += f" Chuyên đề: {meeting.topic}."
    return text


def _send_email(meeting: Meeting, address: str, body: str, *, stamp: dt.datetime, seq: int) -> bool:
    if not address:
        return False
    message = EmailMessage(
        f"[Hạt nhân] Giấy mời: {meeting}",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [address],
    )
    message.attach(
        "moi-hop.ics", calendar_file(meeting, stamp=stamp, sequence=seq), "text/calendar"
    )
    for doc in meeting.documents.all():
        try:
            with doc.file.open("rb") as handle:
                message.attach(doc.file_name, handle.read())
        except OSError:  # a missing file on disk: the notice still links to the meeting page
            continue
    try:
        message.send()
    except Exception:  # one bad address must not undo the invitation to everyone else
        return False
    return True


@dataclass
class InvitationResult:
    invited: int
    notified: int
    emailed: int


@transaction.atomic
def send_invitation(
    *, actor: Any, meeting: Meeting, now: dt.datetime | None = None
) -> InvitationResult:
    """Invite every member who should attend: an attendance row each, a notice in the app
    and an e-mail with the calendar file and the documents. The record keeps when it went
    out (HD 42: documents at least one day ahead). Sent again, it reaches only new members
    and the time of the first sending stays."""
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    if meeting.state != MeetingState.PLANNED:
        raise field_error("state", "Chỉ gửi giấy mời cho cuộc sinh hoạt chưa diễn ra.")
    now = now or timezone.now()
    before = snapshot(meeting)
    existing = set(meeting.attendances.values_list("member_id", flat=True))
    new = [m for m in invitees(meeting) if m.pk not in existing]
    if not new and not existing:
        raise field_error("meeting", "Tổ chức chưa có đảng viên đang sinh hoạt để mời.")
    rows = Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, member=m, invited_at=now) for m in new]
    )
    link = reverse("meetings:detail", args=[meeting.pk])
    text = _invitation_text(meeting)
    notified = emailed = 0
    day = timezone.localdate(now)
    sequence = 1 if meeting.invitation_sent_at else 0
    for member in new:
        user = getattr(member, "account", None)
        if user is None or not user.is_active:
            # No account: the e-mail still reaches the member's own address.
            emailed += _send_email(meeting, member.email, text, stamp=now, seq=sequence)
            continue
        _, created = Notification.objects.get_or_create(
            user=user,
            kind=NotificationKind.MEETING_INVITATION,
            about_ref=meeting.ref,
            reminder_date=day,
            defaults={"message": text, "link": link, "created_at": now},
        )
        notified += created
        if _send_email(meeting, user.email or member.email, text, stamp=now, seq=sequence):
            emailed += 1
            Notification.objects.filter(
                user=user, kind=NotificationKind.MEETING_INVITATION, about_ref=meeting.ref
            ).update(emailed_at=now)
    if meeting.invitation_sent_at is None:
        meeting.invitation_sent_at = now
    if meeting.documents_sent_at is None and meeting.documents.exists():
        meeting.documents_sent_at = now
    meeting.save(update_fields=["invitation_sent_at", "documents_sent_at", "updated_at"])
    record_event(
        actor=actor,
        action="meeting.invite",
        obj=meeting,
        before=before,
        after={**snapshot(meeting), "invited": [r.member_id for r in rows]},
        organization_path=meeting.organization.path,
    )
    return InvitationResult(invited=len(rows), notified=notified, emailed=emailed)


@transaction.atomic
def add_document(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    file: IO[bytes],
    now: dt.datetime | None = None,
) -> MeetingDocument:
    """A document for the meeting, checked from its bytes. Added after the invitation went
    out, the invited members are told, and the record's documents time is this one."""
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    _require_open(meeting, "file")
    now = now or timezone.now()
    name = clean_original_name(getattr(file, "name", "") or "")
    try:
        kind, size = check_document(file, label=f"Tệp “{name}”")
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    doc = MeetingDocument(
        meeting=meeting,
        title=clean_text(title) or name,
        file_name=name,
        file_kind=kind,
        file_size=size,
        uploaded_by=_user(actor),
        uploaded_at=now,
    )
    doc.file = as_file(file, name=name)
    save_audited(
        actor=actor,
        obj=doc,
        action="meeting.document.add",
        before=None,
        organization_path=meeting.organization.path,
    )
    if meeting.invitation_sent_at is not None:
        before = snapshot(meeting)
        meeting.documents_sent_at = now
        meeting.save(update_fields=["documents_sent_at", "updated_at"])
        _audit(actor, "meeting.documents_sent", meeting, before, meeting.organization)
        link = reverse("meetings:detail", args=[meeting.pk])
        for att in meeting.attendances.select_related("member__account"):
            user = getattr(att.member, "account", None)
            if user is not None and user.is_active:
                Notification.objects.get_or_create(
                    user=user,
                    kind=NotificationKind.MEETING_INVITATION,
                    about_ref=meeting.ref,
                    reminder_date=timezone.localdate(now),
                    defaults={
                        "message": f"Tài liệu mới cho {meeting}: {doc.title}.",
                        "link": link,
                    },
                )
    return doc


# --- check-in -------------------------------------------------------------------------------
SALT = "hatnhan.meetings.checkin"
REFUSED_CODE = "Mã điểm danh không hợp lệ. Đồng chí quét lại mã QR đang hiển thị tại cuộc họp."
EXPIRED_CODE = "Mã điểm danh đã hết hạn. Đồng chí quét lại mã QR đang hiển thị tại cuộc họp."


def _period(now: dt.datetime) -> int:
    return int(now.timestamp()) // max(1, settings.MEETING_CHECKIN_ROTATE_SECONDS)


def checkin_window(meeting: Meeting) -> tuple[dt.datetime, dt.datetime]:
    opens = meeting.planned_start - dt.timedelta(minutes=settings.MEETING_CHECKIN_OPENS_MINUTES)
    closes = meeting.actual_end or (
        meeting.planned_end + dt.timedelta(minutes=settings.MEETING_CHECKIN_CLOSES_MINUTES)
    )
    return opens, closes


def in_window(meeting: Meeting, now: dt.datetime) -> bool:
    opens, closes = checkin_window(meeting)
    return meeting.state != MeetingState.CLOSED and opens <= now <= closes


def checkin_code(meeting: Meeting, now: dt.datetime | None = None) -> str:
    """The code the chair's screen shows now (as a QR): signed, bound to the meeting and
    to the current rotation period."""
    now = now or timezone.now()
    return signing.dumps({"m": meeting.pk, "p": _period(now)}, salt=SALT, compress=True)


def seconds_left(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    rotate = max(1, settings.MEETING_CHECKIN_ROTATE_SECONDS)
    return rotate - int(now.timestamp()) % rotate


def read_code(meeting: Meeting, code: str, now: dt.datetime) -> int:
    """The rotation period of a valid code for this meeting, or a refusal."""
    try:
        data = signing.loads(code or "", salt=SALT)
    except signing.BadSignature as error:
        raise field_error("code", REFUSED_CODE) from error
    if not isinstance(data, dict) or data.get("m") != meeting.pk:
        raise field_error("code", REFUSED_CODE)
    period = data.get("p")
    if not isinstance(period, int):
        raise field_error("code", REFUSED_CODE)
    current = _period(now)
    # The code of this period or of the one just before (a scan as the code turns over).
    if not current - 1 <= period <= current:
        raise field_error("code", EXPIRED_CODE)
    return period


def _late_minutes(meeting: Meeting, now: dt.datetime) -> int:
    start = meeting.actual_start or meeting.planned_start
    late = int((now - start).total_seconds() // 60)
    return late if late > settings.MEETING_LATE_GRACE_MINUTES else 0


def _attendance_for(meeting: Meeting, member: Member) -> Attendance | None:
    return (
        Attendance.objects.select_for_update(of=("self",))
        .filter(meeting=meeting, member=member)
        .first()
    )


def _may_attend(meeting: Meeting, member: Member) -> bool:
    return any(m.pk == member.pk for m in invitees(meeting))


@transaction.atomic
def check_in(
    *, actor: Any, meeting: Meeting, code: str, now: dt.datetime | None = None
) -> Attendance:
    """A member checks themselves in by the QR code the chair shows: only within the
    meeting's window, with a current code of this meeting, a member of it, once."""
    now = now or timezone.now()
    member_id = getattr(actor, "member_id", None)
    if not member_id:
        raise PermissionDenied("Tài khoản của đồng chí chưa gắn với đảng viên nào.")
    meeting = _locked(meeting)
    member = Member.objects.select_related("organization").get(pk=member_id)
    if not in_window(meeting, now):
        opens, closes = checkin_window(meeting)
        raise field_error(
            "code",
            "Ngoài thời gian điểm danh của cuộc sinh hoạt "
            f"(từ {timezone.localtime(opens):%H:%M %d/%m/%Y} "
            f"đến {timezone.localtime(closes):%H:%M %d/%m/%Y}).",
        )
    period = read_code(meeting, code, now)
    row = _attendance_for(meeting, member)
    if row is None:
        if not _may_attend(meeting, member):
            raise field_error("code", "Đồng chí không thuộc thành phần dự cuộc sinh hoạt này.")
        row = Attendance(meeting=meeting, member=member)
        before = None
    else:
        before = snapshot(row)
    if row.status == AttendanceStatus.PRESENT:
        raise field_error(
            "code",
            "Đồng chí đã điểm danh lúc "
            f"{timezone.localtime(row.checked_in_at or now):%H:%M} — không điểm danh lần nữa.",
        )
    row.status = AttendanceStatus.PRESENT
    row.reason = ""
    row.checked_in_at = now
    row.method = CheckInMethod.QR
    row.recorded_by = _user(actor)
    row.code_nonce = str(period)
    row.late_minutes = _late_minutes(meeting, now)
    save_audited(
        actor=actor,
        obj=row,
        action="meeting.check_in",
        before=before,
        organization_path=meeting.organization.path,
    )
    return row


@transaction.atomic
def record_attendance(
    *,
    actor: Any,
    meeting: Meeting,
    member: Member,
    status: str,
    reason: str = "",
    late_minutes: int = 0,
    now: dt.datetime | None = None,
) -> Attendance:
    """The secretary ticks a member by hand: present (maybe late), excused with a reason,
    or unexcused. Before closing; afterwards only by a correction."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    _require_open(meeting, "status")
    if status not in (
        AttendanceStatus.PRESENT,
        AttendanceStatus.EXCUSED,
        AttendanceStatus.UNEXCUSED,
    ):
        raise field_error("status", "Chọn có mặt, vắng có lý do hoặc vắng không lý do.")
    reason = clean_text(reason)
    if status == AttendanceStatus.EXCUSED and not reason:
        raise field_error("reason", f"Ghi lý do vắng của đồng chí {member.full_name}.")
    if late_minutes and status != AttendanceStatus.PRESENT:
        raise field_error("late_minutes", "Chỉ người có mặt mới có thể đến muộn.")
    if late_minutes < 0 or late_minutes > 24 * 60:
        raise field_error("late_minutes", "Số phút đến muộn không hợp lệ.")
    row = _attendance_for(meeting, member)
    if row is None:
        if not _may_attend(meeting, member):
            raise field_error(
                "member", f"Đồng chí {member.full_name} không thuộc thành phần dự cuộc sinh hoạt."
            )
        row = Attendance(meeting=meeting, member=member)
        before = None
    else:
        before = snapshot(row)
    row.status = status
    row.reason = reason if status == AttendanceStatus.EXCUSED else ""
    row.late_minutes = late_minutes if status == AttendanceStatus.PRESENT else 0
    if status == AttendanceStatus.PRESENT:
        if row.method != CheckInMethod.QR:
            row.method = CheckInMethod.SECRETARY
            row.checked_in_at = row.checked_in_at or now
    else:
        row.method = CheckInMethod.NONE
        row.checked_in_at = None
    row.recorded_by = _user(actor)
    save_audited(
        actor=actor,
        obj=row,
        action="meeting.attendance",
        before=before,
        organization_path=meeting.organization.path,
    )
    return row


# --- holding the meeting: times, minutes, speeches, review, resolution, closing ---------------
@transaction.atomic
def record_times(
    *,
    actor: Any,
    meeting: Meeting,
    actual_start: dt.datetime | None,
    actual_end: dt.datetime | None = None,
) -> Meeting:
    """The actual start (the meeting is then held) and end."""
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    _require_open(meeting, "actual_start")
    if actual_start is None:
        raise field_error("actual_start", "Ghi thời gian bắt đầu thực tế.")
    _check_times(meeting, actual_start, actual_end)
    if actual_start > timezone.now() + dt.timedelta(minutes=5):
        raise field_error("actual_start", "Thời gian bắt đầu thực tế chưa đến.")
    before = snapshot(meeting)
    meeting.actual_start = actual_start
    meeting.actual_end = actual_end
    if meeting.state == MeetingState.PLANNED:
        meeting.state = MeetingState.HELD
        meeting.held_at = timezone.now()
    save_audited(
        actor=actor,
        obj=meeting,
        action="meeting.times",
        before=before,
        organization_path=meeting.organization.path,
    )
    return meeting


# A meeting held on another day than planned is rescheduled, not recorded this far off.
ACTUAL_SLACK = dt.timedelta(days=7)
LONGEST = dt.timedelta(hours=24)


def _check_times(
    meeting: Meeting, start: dt.datetime | None, end: dt.datetime | None, field: str = ""
) -> None:
    if start is not None and abs(start - meeting.planned_start) > ACTUAL_SLACK:
        raise field_error(
            field or "actual_start",
            "Thời gian bắt đầu thực tế cách thời gian dự kiến quá 7 ngày: sửa lịch họp trước.",
        )
    if start is not None and end is not None:
        if end <= start:
            raise field_error(
                field or "actual_end", "Thời gian kết thúc phải sau thời gian bắt đầu."
            )
        if end - start > LONGEST:
            raise field_error(field or "actual_end", "Cuộc sinh hoạt không kéo dài quá 24 giờ.")


def _minutes_of(meeting: Meeting) -> Minutes:
    try:
        return Minutes.objects.get(meeting=meeting)
    except Minutes.DoesNotExist:
        return Minutes(meeting=meeting)


@transaction.atomic
def save_minutes(*, actor: Any, meeting: Meeting, **parts: str) -> Minutes:
    """Write the minutes' parts (MINUTES_PARTS) of a meeting not yet closed."""
    refuse_unknown(parts, MINUTES_PARTS)
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    _require_open(meeting, next(iter(parts), "opening"))
    minutes = _minutes_of(meeting)
    before = snapshot(minutes) if minutes.pk else None
    for part, value in parts.items():
        setattr(minutes, part, (value or "").strip())
    minutes.updated_by = _user(actor)
    save_audited(
        actor=actor,
        obj=minutes,
        action="meeting.minutes",
        before=before,
        organization_path=meeting.organization.path,
        fields=list(MINUTES_PARTS),
    )
    return minutes


@transaction.atomic
def add_speech(*, actor: Any, meeting: Meeting, member: Member, content: str) -> Speech:
    """Who spoke in the discussion and what; the speaker must be among those present."""
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    _require_open(meeting, "content")
    content = (content or "").strip()
    if not content:
        raise field_error("content", "Ghi nội dung phát biểu.")
    if not Attendance.objects.filter(
        meeting=meeting, member=member, status=AttendanceStatus.PRESENT
    ).exists():
        raise field_error(
            "member", f"Đồng chí {member.full_name} không có mặt tại cuộc sinh hoạt này."
        )
    speech = Speech(
        meeting=meeting,
        member=member,
        content=content,
        position=meeting.speeches.count() + 1,
    )
    save_audited(
        actor=actor,
        obj=speech,
        action="meeting.speech",
        before=None,
        organization_path=meeting.organization.path,
    )
    return speech


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The same cell's regular meeting before this one (whose resolution this one reviews)."""
    return (
        Meeting.objects.filter(
            organization_id=meeting.organization_id,
            body=meeting.body,
            kind=MeetingKind.REGULAR,
            planned_start__lt=meeting.planned_start,
        )
        .exclude(pk=meeting.pk)
        .order_by("-planned_start", "-id")
        .first()
    )


def tasks_of(meeting: Meeting) -> Any:
    """The tasks the meeting's resolution put into the task loop."""
    return Task.objects.filter(source_kind=SourceKind.MEETING, source_ref=meeting.ref)


@transaction.atomic
def review_previous(
    *, actor: Any, meeting: Meeting, comments: dict[int, str] | None = None
) -> list[TaskReview]:
    """Pull last month's resolution's tasks with their state from the task loop into this
    meeting's minutes (HD 12: the resolution is carried out and reviewed). Run again, the
    states are read afresh."""
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    _require_open(meeting, "previous_review")
    previous = previous_meeting(meeting)
    if previous is None:
        raise field_error("previous_review", "Chưa có cuộc sinh hoạt thường kỳ trước để kiểm điểm.")
    comments = comments or {}
    today = timezone.localdate()
    reviews: list[TaskReview] = []
    for task in tasks_of(previous).order_by("due_date", "id"):
        review = TaskReview.objects.filter(meeting=meeting, task=task).first()
        before = snapshot(review) if review else None
        review = review or TaskReview(meeting=meeting, task=task)
        review.status = task.status
        review.percent = task.percent
        review.was_overdue = task.overdue_on(today)
        if task.pk in comments:
            review.comment = (comments[task.pk] or "").strip()
        review.reviewed_at = timezone.now()
        save_audited(
            actor=actor,
            obj=review,
            action="meeting.review_task",
            before=before,
            organization_path=meeting.organization.path,
        )
        reviews.append(review)
    minutes = _minutes_of(meeting)
    if not minutes.previous_review:
        before = snapshot(minutes) if minutes.pk else None
        done = sum(1 for r in reviews if r.status == "done")
        late = sum(1 for r in reviews if r.was_overdue)
        minutes.previous_review = (
            f"Kiểm điểm nghị quyết {previous}: {len(reviews)} nhiệm vụ, {done} đã nghiệm thu, "
            f"{late} quá hạn."
        )
        minutes.updated_by = _user(actor)
        save_audited(
            actor=actor,
            obj=minutes,
            action="meeting.minutes",
            before=before,
            organization_path=meeting.organization.path,
            fields=list(MINUTES_PARTS),
        )
    return reviews


@dataclass
class TaskSpec:
    """One task of the meeting's resolution."""

    title: str
    expected_result: str
    owner: Member
    due_date: dt.date
    description: str = ""


@dataclass
class FocusSpec:
    """One focus issue of the meeting's resolution, with its tasks."""

    title: str
    level: str = FocusLevel.KEY
    description: str = ""
    tasks: Sequence[TaskSpec] = ()


def _period_of(meeting: Meeting) -> tuple[dt.date, dt.date]:
    if meeting.kind == MeetingKind.REGULAR and meeting.month:
        start = dt.date(meeting.year, meeting.month, 1)
        end = dt.date(meeting.year + meeting.month // 12, meeting.month % 12 + 1, 1)
    else:
        first = (meeting.quarter - 1) * 3 + 1
        start = dt.date(meeting.year, first, 1)
        end = dt.date(meeting.year + (first + 2) // 12, (first + 2) % 12 + 1, 1)
    return start, end - dt.timedelta(days=1)


@transaction.atomic
def adopt_resolution(
    *,
    actor: Any,
    meeting: Meeting,
    text: str,
    number_symbol: str = "",
    focus_issues: Iterable[FocusSpec] = (),
    today: dt.date | None = None,
) -> MeetingResolution:
    """The meeting's resolution, and in the same step its focus issues and tasks in the task
    loop (a Resolution of the organization; tasks with source = this meeting). Any bad row
    refuses the whole resolution, naming it."""
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    _require_open(meeting, "text")
    if meeting.state == MeetingState.PLANNED:
        raise field_error(
            "text", "Nghị quyết được thông qua tại cuộc họp: ghi thời gian họp trước."
        )
    if MeetingResolution.objects.filter(meeting=meeting).exists():
        raise field_error("text", "Cuộc sinh hoạt này đã có nghị quyết.")
    text = (text or "").strip()
    if not text:
        raise field_error("text", "Ghi nội dung nghị quyết.")
    today = today or timezone.localdate()
    start, end = _period_of(meeting)
    kind = (
        ResolutionKind.THEMATIC if meeting.kind == MeetingKind.THEMATIC else ResolutionKind.MONTHLY
    )
    resolution = directive_services.create_resolution(
        actor=actor,
        organization=meeting.organization,
        kind=kind,
        title=f"Nghị quyết {meeting}"[:500],
        adopted_on=timezone.localdate(meeting.actual_start) if meeting.actual_start else today,
        period_start=start,
        period_end=max(end, start),
        number_symbol=clean_text(number_symbol),
        content=text,
    )
    for number, spec in enumerate(focus_issues, start=1):
        try:
            issue = directive_services.create_focus_issue(
                actor=actor,
                resolution=resolution,
                title=spec.title,
                level=spec.level,
                description=spec.description,
            )
            for task_number, task in enumerate(spec.tasks, start=1):
                try:
                    task_services.create_task(
                        actor=actor,
                        organization=meeting.organization,
                        title=task.title,
                        expected_result=task.expected_result,
                        owner=task.owner,
                        due_date=task.due_date,
                        description=task.description,
                        focus_issue=issue,
                        source_kind=SourceKind.MEETING,
                        source_ref=meeting.ref,
                        today=today,
                    )
                except ValidationError as error:
                    raise ValidationError(
                        {
                            f"Nhiệm vụ {task_number}": [
                                f"{f}: {m}" if f != "__all__" else m
                                for f, ms in error.message_dict.items()
                                for m in ms
                            ]
                        }
                    ) from error
        except ValidationError as error:
            raise ValidationError(
                {
                    f"Vấn đề trọng tâm {number}": [
                        f"{f}: {m}" if f != "__all__" else m
                        for f, ms in error.message_dict.items()
                        for m in ms
                    ]
                }
            ) from error
    adopted = MeetingResolution(
        meeting=meeting,
        number_symbol=clean_text(number_symbol),
        text=text,
        resolution=resolution,
        adopted_by=_user(actor),
    )
    save_audited(
        actor=actor,
        obj=adopted,
        action="meeting.resolution",
        before=None,
        organization_path=meeting.organization.path,
    )
    return adopted


# What the apps above meetings must see settled before a meeting closes (votes: no ballot
# still open, or members could vote after the minutes are locked). fn(meeting) answers
# (field, Vietnamese refusal) or None. meetings may not import them (docs/layers.md).
CloseCheck = Callable[[Meeting], tuple[str, str] | None]
_close_checks: list[CloseCheck] = []


def register_close_check(fn: CloseCheck) -> None:
    if fn not in _close_checks:
        _close_checks.append(fn)


@transaction.atomic
def close_meeting(*, actor: Any, meeting: Meeting) -> Meeting:
    """Close the meeting and lock its minutes: from now on it changes only by a correction.
    It needs its actual times and its attendance complete."""
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    _require_open(meeting)
    if meeting.actual_start is None or meeting.actual_end is None:
        raise field_error(
            "actual_end", "Ghi thời gian bắt đầu và kết thúc thực tế trước khi kết thúc."
        )
    missing = meeting.attendances.filter(status=AttendanceStatus.UNRECORDED).count()
    if missing:
        raise field_error(
            "attendances", f"Còn {missing} đảng viên chưa điểm danh: ghi có mặt hoặc vắng."
        )
    # The meeting's row is locked above, and opening a vote locks it too: no vote can open
    # between these checks and the close.
    for check in _close_checks:
        refusal = check(meeting)
        if refusal is not None:
            raise field_error(*refusal)
    before = snapshot(meeting)
    meeting.state = MeetingState.CLOSED
    meeting.closed_at = timezone.now()
    meeting.closed_by = _user(actor)
    save_audited(
        actor=actor,
        obj=meeting,
        action="meeting.close",
        before=before,
        organization_path=meeting.organization.path,
    )
    return meeting


def _as_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    return "" if value is None else str(value)


@transaction.atomic
def correct_meeting(
    *, actor: Any, meeting: Meeting, field: str, value: Any, reason: str
) -> Correction:
    """Change a closed meeting: the change applied and kept as a correction with its reason
    (a closed meeting is never edited silently)."""
    meeting = _locked(meeting)
    require(actor, CHANGE, meeting)
    if meeting.state != MeetingState.CLOSED:
        raise field_error(
            "field", "Cuộc sinh hoạt chưa kết thúc: sửa trực tiếp, không cần đính chính."
        )
    if field not in CORRECTABLE:
        raise field_error("field", "Phần này không đính chính được.")
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "Ghi lý do đính chính.")
    if field in MINUTES_PARTS:
        target: Any = _minutes_of(meeting)
        value = (value or "").strip()
    else:
        target = meeting
        if isinstance(value, str):
            value = clean_text(value)
    old = getattr(target, field)
    if old == value:
        raise field_error("value", "Nội dung đính chính giống nội dung cũ.")
    before = snapshot(target) if target.pk else None
    setattr(target, field, value)
    if field == "actual_start":
        _check_times(meeting, value, meeting.actual_end, "value")
    if field == "actual_end":
        _check_times(meeting, meeting.actual_start, value, "value")
    if field in ("place",) and not value:
        raise field_error("value", "Địa điểm không được để trống.")
    save_audited(
        actor=actor,
        obj=target,
        action="meeting.correct",
        before=before,
        organization_path=meeting.organization.path,
    )
    correction = Correction(
        meeting=meeting,
        field=field,
        before=_as_text(old),
        after=_as_text(value),
        reason=reason,
        made_by=_user(actor),
    )
    save_audited(
        actor=actor,
        obj=correction,
        action="meeting.correction",
        before=None,
        organization_path=meeting.organization.path,
    )
    return correction


# --- quality ----------------------------------------------------------------------------------
def _people_points(values: dict[str, int]) -> dict[str, int]:
    from .quality import people_max

    limits = people_max()
    points: dict[str, int] = {}
    for part, limit in limits.items():
        value = values.get(part, 0)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limit:
            raise field_error(part, f"Điểm phần này từ 0 đến {limit}.")
        points[part] = value
    return points


@transaction.atomic
def assess_meeting(
    *,
    actor: Any,
    meeting: Meeting,
    kind: str = AssessmentKind.PROPOSAL,
    preparation: int = 0,
    attendance: int = 0,
    conduct: int = 0,
    closing: int = 0,
    comment: str = "",
    assessor_name: str = "",
) -> QualityAssessment:
    """A scoring of a held meeting (HD 12): the computed checks as they stand now plus the
    points people give for the rest. The committee proposes (CHANGE on the organization); the
    visiting superior committee member records theirs (CHANGE on an organization above)."""
    from .quality import assess

    meeting = _locked(meeting)
    if kind == AssessmentKind.PROPOSAL:
        require(actor, CHANGE, meeting)
    elif kind == AssessmentKind.SUPERIOR:
        parent = meeting.organization.parent
        if actor is not None and (parent is None or not can(actor, CHANGE, parent)):
            raise PermissionDenied("Chỉ đồng chí cấp ủy cấp trên mới ghi đánh giá của cấp trên.")
    else:
        raise field_error("kind", "Loại đánh giá không hợp lệ.")
    if meeting.state == MeetingState.PLANNED:
        raise field_error("kind", "Cuộc sinh hoạt chưa diễn ra: chưa đánh giá được.")
    points = _people_points(
        {
            "preparation": preparation,
            "attendance": attendance,
            "conduct": conduct,
            "closing": closing,
        }
    )
    result = assess(meeting, people=points)
    member = getattr(actor, "member", None) if actor is not None else None
    row = QualityAssessment(
        meeting=meeting,
        kind=kind,
        score=result.score,
        level=result.level,
        checks=[c.as_dict() for c in result.checks],
        comment=(comment or "").strip(),
        assessor_name=clean_text(assessor_name) or (member.full_name if member else ""),
        made_by=_user(actor),
        **points,
    )
    save_audited(
        actor=actor,
        obj=row,
        action="meeting.assess",
        before=None,
        organization_path=meeting.organization.path,
    )
    return row


@transaction.atomic
def confirm_assessment(
    *, actor: Any, assessment: QualityAssessment, agrees: bool, comment: str = ""
) -> QualityConfirmation:
    """A member present at the meeting agrees (or not) with the committee's proposal."""
    member_id = getattr(actor, "member_id", None)
    if not member_id:
        raise PermissionDenied("Tài khoản của đồng chí chưa gắn với đảng viên nào.")
    assessment = QualityAssessment.objects.select_related("meeting__organization").get(
        pk=assessment.pk
    )
    meeting = _locked(assessment.meeting)
    if assessment.kind != AssessmentKind.PROPOSAL:
        raise field_error("assessment", "Chỉ xác nhận đề xuất của cấp ủy.")
    if not Attendance.objects.filter(
        meeting=meeting, member_id=member_id, status=AttendanceStatus.PRESENT
    ).exists():
        raise field_error("assessment", "Chỉ đảng viên có mặt tại cuộc sinh hoạt mới xác nhận.")
    if QualityConfirmation.objects.filter(assessment=assessment, member_id=member_id).exists():
        raise field_error("assessment", "Đồng chí đã cho ý kiến về đề xuất này.")
    row = QualityConfirmation(
        assessment=assessment,
        member_id=member_id,
        agrees=bool(agrees),
        comment=clean_text(comment)[:500],
    )
    save_audited(
        actor=actor,
        obj=row,
        action="meeting.confirm",
        before=None,
        organization_path=meeting.organization.path,
    )
    return row
