"""Demo data: a year of meetings for every cell.

Every cell holds its regular monthly meeting (the first Tuesday) and a thematic one each
quarter; most are well prepared and attended, some are poor (low attendance, short, documents
sent the same day, no draft resolution, thin minutes), one cell skipped a month and one a
quarter's thematic meeting. The coming meeting of each cell is planned with its invitations
sent. Built in memory with every derived field set as the services would, checked row by row
(core.services.validate_rows) and loaded one insert per table, with one audit event per
meeting holding its attendance, minutes and speeches. Last month's meeting of the cells with
demo accounts (and of some others) then adopts its resolution through the service, so its
task is in the task loop for next month to review.
Deterministic for a given rng and today.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hatnhan.accounts.models import User
from hatnhan.audit.services import EventSpec, record_events, snapshot
from hatnhan.core.services import validate_rows
from hatnhan.core.text import search_key
from hatnhan.members.models import CommitteeSeat, Member, MemberStatus, SeatRole
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import Notification, NotificationKind

from . import services
from .models import (
    Attendance,
    AttendanceStatus,
    CheckInMethod,
    Meeting,
    MeetingBody,
    MeetingKind,
    MeetingResolution,
    MeetingState,
    Minutes,
    Speech,
)
from .reminders import CELL_KINDS
from .services import nth_weekday, quarter_of

TOPICS = [
    "Nâng cao ý thức kỷ luật, kỷ cương hành chính của đảng viên",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Phòng, chống tham nhũng, tiêu cực trong giải quyết thủ tục hành chính",
    "Chuyển đổi số trong hoạt động của cơ quan",
    "Chăm lo đời sống vật chất, tinh thần cho cán bộ, công chức",
]
REASONS = ["Đi công tác", "Ốm, có giấy của cơ sở y tế", "Nghỉ phép theo chế độ", "Việc gia đình"]
SPEECHES = [
    "Đề nghị chi bộ chỉ đạo rà soát lại quy trình tiếp nhận hồ sơ tại bộ phận một cửa.",
    "Thống nhất với báo cáo; bổ sung giải pháp tăng cường kiểm tra giờ giấc làm việc.",
    "Kiến nghị cấp ủy phân công cụ thể người theo dõi việc thực hiện nghị quyết tháng.",
    "Phản ánh một số hồ sơ còn chậm do thiếu phối hợp giữa các phòng; đề nghị khắc phục.",
    "Đồng ý dự thảo nghị quyết; đề nghị nêu rõ thời hạn hoàn thành từng nhiệm vụ.",
    "Tự phê bình việc chậm báo cáo tiến độ nhiệm vụ được giao tháng trước.",
]
MINUTES = {
    "opening": "Đồng chí chủ trì tuyên bố lý do, giới thiệu thành phần dự họp và chương trình.",
    "previous_review": "Kiểm điểm việc thực hiện nghị quyết tháng trước: phần lớn nhiệm vụ "
    "hoàn thành đúng hạn; một số việc còn chậm, đã chỉ rõ nguyên nhân.",
    "political_task": "Đánh giá tình hình thực hiện nhiệm vụ chính trị của cơ quan trong "
    "tháng: kết quả, hạn chế, khó khăn.",
    "discussion": "Các đồng chí đảng viên thảo luận, đóng góp ý kiến vào báo cáo và dự thảo "
    "nghị quyết.",
    "conclusions": "Đồng chí chủ trì kết luận, thống nhất nhiệm vụ trọng tâm tháng tới và "
    "phân công thực hiện.",
}


def loaded() -> bool:
    return Meeting.objects.exists()


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _months(today: dt.date) -> list[tuple[int, int]]:
    """The last eleven months, this one and the next."""
    out = []
    year, month = today.year, today.month
    for back in range(11, -2, -1):
        m = month - back
        y = year + (m - 1) // 12
        out.append((y, (m - 1) % 12 + 1))
    return out


class _Load:
    def __init__(self) -> None:
        self.meetings: list[Meeting] = []
        self.attendances: list[tuple[Meeting, Attendance]] = []
        self.minutes: list[tuple[Meeting, Minutes]] = []
        self.speeches: list[tuple[Meeting, Speech]] = []
        self.resolutions: list[tuple[Meeting, MeetingResolution]] = []
        self.notices: list[tuple[Meeting, Notification]] = []


def _meeting(
    load: _Load,
    rng: random.Random,
    *,
    cell: Organization,
    members: list[Member],
    chair: Member,
    accounts: dict[int, Any],
    start: dt.datetime,
    kind: str,
    poor: bool,
    now: dt.datetime,
    topic: str = "",
) -> None:
    local = timezone.localtime(start)
    held = start + dt.timedelta(hours=3) < now
    thematic = kind == MeetingKind.THEMATIC
    meeting = Meeting(
        organization=cell,
        body=MeetingBody.CELL,
        kind=kind,
        year=local.year,
        month=None if thematic else local.month,
        quarter=quarter_of(local.month),
        topic=topic,
        place=rng.choice(["Phòng họp tầng 2", "Hội trường cơ quan", "Phòng họp số 1"]),
        planned_start=start,
        planned_minutes=150 if thematic else 120,
        agenda="1. Kiểm điểm nghị quyết tháng trước.\n2. Tình hình nhiệm vụ chính trị.\n"
        "3. Thảo luận, thông qua nghị quyết.",
        chair=chair,
        minutes_taker=rng.choice(members),
        created_at=start - dt.timedelta(days=20),
    )
    ahead = dt.timedelta(hours=rng.choice([2, 3])) if poor else dt.timedelta(days=rng.randint(2, 5))
    invited_at = start - ahead
    if invited_at <= now:
        meeting.invitation_sent_at = invited_at
        meeting.documents_sent_at = invited_at if (not poor or rng.random() < 0.3) else None
    if not poor or rng.random() < 0.4:
        meeting.committee_met_on = (start - dt.timedelta(days=rng.randint(3, 7))).date()
    if not poor:
        meeting.draft_resolution = "Dự thảo nghị quyết lãnh đạo thực hiện nhiệm vụ tháng."
        meeting.draft_ready_at = start - dt.timedelta(days=4)
    meeting.search_text = search_key(f"{meeting} {topic} {meeting.place}")[:900]
    if held:
        late = rng.randint(0, 10)
        meeting.actual_start = start + dt.timedelta(minutes=late)
        length = rng.randint(55, 85) if poor else rng.randint(95, 140)
        if thematic and not poor:
            length = rng.randint(125, 160)
        meeting.actual_end = meeting.actual_start + dt.timedelta(minutes=length)
        meeting.held_at = meeting.actual_end
        # Last month's meeting is held, its minutes not yet locked; older ones are closed.
        if now - start > dt.timedelta(days=35):
            meeting.state = MeetingState.CLOSED
            meeting.closed_at = meeting.actual_end + dt.timedelta(days=1)
        else:
            meeting.state = MeetingState.HELD
    load.meetings.append(meeting)
    if meeting.invitation_sent_at is None:
        return
    present_rate = 0.72 if poor else 0.96
    for member in members:
        row = Attendance(member=member, invited_at=meeting.invitation_sent_at)
        if held:
            roll = rng.random()
            if roll < present_rate:
                row.status = AttendanceStatus.PRESENT
                row.checked_in_at = meeting.actual_start + dt.timedelta(minutes=rng.randint(-10, 5))
                row.method = rng.choice(
                    [CheckInMethod.QR, CheckInMethod.QR, CheckInMethod.SECRETARY]
                )
                if rng.random() < 0.08:
                    row.late_minutes = rng.randint(10, 25)
            elif poor and roll > 0.93:
                row.status = AttendanceStatus.UNEXCUSED
            else:
                row.status = AttendanceStatus.EXCUSED
                row.reason = rng.choice(REASONS)
        load.attendances.append((meeting, row))
        user = accounts.get(member.pk)
        if user is not None and not held:
            load.notices.append(
                (
                    meeting,
                    Notification(
                        user=user,
                        kind=NotificationKind.MEETING_INVITATION,
                        reminder_date=timezone.localdate(meeting.invitation_sent_at),
                        created_at=meeting.invitation_sent_at,
                        message=f"Kính mời đồng chí dự {meeting} của {cell.name}, lúc "
                        f"{local:%H:%M} ngày {local:%d/%m/%Y} tại {meeting.place}.",
                    ),
                )
            )
    if not held:
        return
    parts = dict(MINUTES)
    if poor:
        for part in rng.sample(list(parts), k=2):
            parts[part] = ""
    load.minutes.append((meeting, Minutes(**parts)))
    speakers = rng.sample(members, k=min(len(members), 1 if poor else rng.randint(3, 6)))
    for position, member in enumerate(speakers, start=1):
        load.speeches.append(
            (meeting, Speech(member=member, position=position, content=rng.choice(SPEECHES)))
        )
    if meeting.state == MeetingState.CLOSED:
        load.resolutions.append(
            (
                meeting,
                MeetingResolution(
                    text="Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị tháng "
                    f"{local.month}/{local.year}.",
                    adopted_at=meeting.actual_end,
                ),
            )
        )


@transaction.atomic
def _write(load: _Load) -> None:
    """One insert per table; one audit event per meeting, holding its attendance, minutes,
    speeches and resolution (tens of thousands of attendance rows would otherwise make the
    audit chain most of the demo's load time)."""
    validate_rows(load.meetings, label="Cuộc sinh hoạt")
    Meeting.objects.bulk_create(load.meetings, batch_size=500)
    parts: dict[int, dict[str, Any]] = {id(m): {} for m in load.meetings}
    for table, rows, key in (
        (Attendance, load.attendances, "attendances"),
        (Minutes, load.minutes, "minutes"),
        (Speech, load.speeches, "speeches"),
        (MeetingResolution, load.resolutions, "resolution"),
    ):
        objs = []
        for meeting, row in rows:
            row.meeting = meeting
            objs.append(row)
        validate_rows(objs, label=str(table._meta.verbose_name).capitalize())
        table.objects.bulk_create(objs, batch_size=1000)
        for row in objs:
            parts[id(row.meeting)].setdefault(key, []).append(snapshot(row))
    record_events(
        actor=None,
        events=[
            EventSpec(
                action="meeting.schedule",
                obj=m,
                organization_path=m.organization.path,
                after={**snapshot(m), **parts[id(m)]},
            )
            for m in load.meetings
        ],
    )
    notes = []
    for meeting, note in load.notices:
        note.about_ref = meeting.ref
        note.link = reverse("meetings:detail", args=[meeting.pk])
        notes.append(note)
    Notification.objects.bulk_create(notes, batch_size=1000)


def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    now = _at(today, 12)
    cells = list(Organization.objects.filter(kind__in=CELL_KINDS, is_active=True).order_by("path"))
    if not cells:
        return {}
    members: dict[int, list[Member]] = {}
    for member in Member.objects.filter(
        organization__in=cells, status=MemberStatus.ACTIVE
    ).order_by("sort_key", "id"):
        members.setdefault(member.organization_id, []).append(member)
    chairs = {
        seat.organization_id: seat.member
        for seat in CommitteeSeat.objects.filter(
            organization__in=cells, role=SeatRole.SECRETARY, end_date__isnull=True
        ).select_related("member")
    }
    accounts = {u.member_id: u for u in User.objects.filter(member__isnull=False, is_active=True)}
    load = _Load()
    cells = [c for c in cells if len(members.get(c.pk, [])) >= 2]
    # Some cells meet poorly; one skipped a month, one a quarter's thematic meeting.
    poor_cells = {c.pk for i, c in enumerate(cells) if i % 5 == 3}
    skipper = cells[2].pk if len(cells) > 2 else None
    no_thematic = cells[4].pk if len(cells) > 4 else None
    months = _months(today)
    skipped = months[-4]
    for cell in cells:
        people = members[cell.pk]
        chair = chairs.get(cell.pk) or people[0]
        poor_cell = cell.pk in poor_cells
        for year, month in months:
            if cell.pk == skipper and (year, month) == skipped:
                continue
            day = nth_weekday(year, month, 1, 1)
            poor = (poor_cell and rng.random() < 0.7) or rng.random() < 0.05
            _meeting(
                load,
                rng,
                cell=cell,
                members=people,
                chair=chair,
                accounts=accounts,
                start=_at(day, rng.choice([8, 14])),
                kind=MeetingKind.REGULAR,
                poor=poor,
                now=now,
            )
            if month % 3 == 2 and not (cell.pk == no_thematic and (year, month) == months[-5]):
                _meeting(
                    load,
                    rng,
                    cell=cell,
                    members=people,
                    chair=chair,
                    accounts=accounts,
                    start=_at(nth_weekday(year, month, 3, 3), 14),
                    kind=MeetingKind.THEMATIC,
                    poor=poor,
                    now=now,
                    topic=rng.choice(TOPICS),
                )
    _write(load)
    adopted = _adopt_last(load, rng, today, members)
    stdout.write(
        f"  … {len(load.meetings)} cuộc sinh hoạt, {len(load.attendances)} lượt điểm danh, "
        f"{len(load.speeches)} ý kiến phát biểu, {adopted} nghị quyết vào vòng nhiệm vụ"
    )
    return {"meetings": len(load.meetings)}


def _adopt_last(
    load: _Load, rng: random.Random, today: dt.date, members: dict[int, list[Member]]
) -> int:
    """Last month's held meeting of each cell adopts its resolution through the service: its
    focus issue and task go into the task loop, for next month to review."""
    count = 0
    with_account = set(
        Member.objects.filter(account__isnull=False).values_list("organization_id", flat=True)
    )
    for number, meeting in enumerate(load.meetings):
        if meeting.state != MeetingState.HELD or meeting.kind != MeetingKind.REGULAR:
            continue
        # Every cell where a demo account sits, and some others: each adoption is a few
        # audited writes through the services.
        if meeting.organization_id not in with_account and number % 4:
            continue
        owner = rng.choice(members[meeting.organization_id])
        services.adopt_resolution(
            actor=None,
            meeting=meeting,
            text="Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị tháng "
            f"{meeting.month}/{meeting.year}: tập trung cải cách hành chính, siết chặt kỷ "
            "luật, kỷ cương.",
            focus_issues=[
                services.FocusSpec(
                    title="Nâng cao chất lượng giải quyết thủ tục hành chính",
                    tasks=[
                        services.TaskSpec(
                            title="Rà soát hồ sơ trễ hạn và báo cáo nguyên nhân",
                            expected_result="Báo cáo danh sách hồ sơ trễ hạn, nguyên nhân, "
                            "giải pháp gửi cấp ủy",
                            owner=owner,
                            due_date=today + dt.timedelta(days=rng.randint(5, 25)),
                        )
                    ],
                )
            ],
            today=today,
        )
        count += 1
    return count
