"""A held meeting written straight into the tables (the Word tests read the record, they do
not exercise the meeting services): the STC-NS cell's December 2026 meeting with its
attendance, minutes, speeches, a reviewed task, the resolution and a task from it."""

import datetime as dt
from typing import Any

from django.utils import timezone

from hatnhan.members.models import CommitteeSeat, SeatRole
from hatnhan.tasks import services as task_services
from hatnhan.tasks.models import SourceKind, Task

from ..models import (
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingResolution,
    MeetingState,
    Minutes,
    Speech,
    TaskReview,
)


def held_meeting(
    tree: dict[str, Any],
    make_member: Any,
    *,
    present: int = 3,
    speeches: int = 2,
    month: int = 12,
    organization: Any = None,
) -> Meeting:
    cell = organization or tree["stc_cell"]
    chair = make_member(cell, "Lê Văn Chủ")
    taker = make_member(cell, "Phạm Thị Ký")
    CommitteeSeat.objects.filter(organization=cell, role=SeatRole.SECRETARY).delete()
    CommitteeSeat.objects.create(member=chair, organization=cell, role=SeatRole.SECRETARY)
    start = timezone.make_aware(dt.datetime(2026, month, 2, 14, 0))
    meeting = Meeting.objects.create(
        organization=cell,
        kind=MeetingKind.REGULAR,
        year=2026,
        month=month,
        quarter=(month - 1) // 3 + 1,
        place="Phòng họp tầng 2",
        planned_start=start,
        chair=chair,
        minutes_taker=taker,
        state=MeetingState.HELD,
        actual_start=start,
        actual_end=start + dt.timedelta(minutes=110),
        superior_attendee="Đồng chí Nguyễn Văn Trên, Đảng ủy viên",
    )
    members = [chair, taker] + [
        make_member(cell, f"Đảng viên Số {n}") for n in range(max(present - 2, 0))
    ]
    for member in members[:present]:
        Attendance.objects.create(meeting=meeting, member=member, status=AttendanceStatus.PRESENT)
    absent = make_member(cell, "Vũ Văn Vắng")
    Attendance.objects.create(
        meeting=meeting, member=absent, status=AttendanceStatus.EXCUSED, reason="Đi công tác"
    )
    Minutes.objects.create(
        meeting=meeting,
        opening="Đồng chí Bí thư tuyên bố lý do, giới thiệu đại biểu.",
        previous_review="Chi bộ hoàn thành 4/5 nhiệm vụ của tháng 11.",
        political_task="Phòng hoàn thành thẩm định dự toán năm 2027.",
        discussion="Các đồng chí thảo luận sôi nổi.",
        conclusions="Chi bộ thống nhất tập trung hoàn thành quyết toán.",
    )
    for n in range(speeches):
        Speech.objects.create(
            meeting=meeting, member=members[n % len(members)], position=n, content=f"Ý kiến {n}"
        )
    due = dt.date(2026, 12, 31)
    task = task_services.create_task(
        actor=None,
        organization=cell,
        title="Quyết toán ngân sách năm 2026",
        owner=taker,
        expected_result="Báo cáo quyết toán",
        # The service refuses a due date already past: the documents print 31/12/2026 on
        # whatever day the suite runs.
        due_date=max(due, timezone.localdate()),
        source_kind=SourceKind.MEETING,
        source_ref=meeting.ref,
    )
    Task.objects.filter(pk=task.pk).update(
        start_date=start.date(), due_date=due, original_due_date=due
    )
    task.refresh_from_db()
    TaskReview.objects.create(meeting=meeting, task=task, status=task.status, percent=40)
    MeetingResolution.objects.create(
        meeting=meeting,
        number_symbol=f"{month:02d}-NQ/CB",
        text="1. Hoàn thành quyết toán ngân sách.\n2. Chấn chỉnh giờ giấc làm việc.",
    )
    return meeting
