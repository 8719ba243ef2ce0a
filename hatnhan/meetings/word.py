"""A meeting's Word documents in the party's format (HD 36, hatnhan/core/docx.py): the
minutes ("BIÊN BẢN SINH HOẠT CHI BỘ") and the meeting's resolution, built from the record.

Apps above meetings add their part of the minutes (votes: each vote and its result) through
`MINUTES_PARTS_REGISTRY`, filled from their AppConfig.ready: meetings names no app above it.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone

from hatnhan.core.docx import Block, Heading, Para, PartyDocument, Signer, Table
from hatnhan.members.models import CommitteeSeat, SeatRole
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import SourceKind, Task

from .models import AttendanceStatus, Meeting, MeetingBody, MeetingKind

# fn(meeting) -> the blocks of one more part of the minutes (a heading and its content), or
# an empty list when it has nothing to say for this meeting.
MinutesPart = Callable[[Meeting], list[Block]]
MINUTES_PARTS_REGISTRY: list[MinutesPart] = []


def register_minutes_part(fn: MinutesPart) -> None:
    if fn not in MINUTES_PARTS_REGISTRY:
        MINUTES_PARTS_REGISTRY.append(fn)


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def clock(moment: dt.datetime) -> str:
    """ "14 giờ 05 phút, ngày 02/12/2026", as minutes write a moment."""
    local = timezone.localtime(moment)
    return f"{local.hour} giờ {local.minute:02d} phút, ngày {local:%d/%m/%Y}"


def issuer_name(meeting: Meeting) -> str:
    """The body that issues: the cell, or the organization's committee (Đảng bộ → Đảng ủy)."""
    name = meeting.organization.name
    if meeting.body == MeetingBody.COMMITTEE and name.lower().startswith("đảng bộ"):
        return "Đảng ủy" + name[len("Đảng bộ") :]
    return name


def superior_name(organization: Organization) -> str:
    """The directly superior body, as HD 36 names it above the issuer (its committee)."""
    parent = organization.parent
    if parent is None:
        return ""
    name = parent.name
    return "Đảng ủy" + name[len("Đảng bộ") :] if name.lower().startswith("đảng bộ") else name


def symbol(meeting: Meeting) -> str:
    """The issuer part of a number and symbol: CB for a cell, ĐU for a committee."""
    return "ĐU" if meeting.body == MeetingBody.COMMITTEE else "CB"


def period_title(meeting: Meeting) -> str:
    if meeting.kind == MeetingKind.THEMATIC:
        title = f"Chuyên đề quý {meeting.quarter} năm {meeting.year}"
        return f"{title}: {meeting.topic}" if meeting.topic else title
    title = f"Thường kỳ tháng {meeting.month} năm {meeting.year}"
    return f"{title} (kết hợp chuyên đề: {meeting.topic})" if meeting.has_thematic_part else title


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.actual_start or meeting.planned_start).date()


def _secretary(organization: Organization) -> Any:
    seat = (
        CommitteeSeat.objects.filter(
            organization=organization, role=SeatRole.SECRETARY, end_date__isnull=True
        )
        .select_related("member")
        .first()
    )
    return seat.member if seat is not None else None


def _attendance_blocks(meeting: Meeting) -> list[Block]:
    rows = list(meeting.attendances.select_related("member").order_by("member__sort_key", "id"))
    present = [a for a in rows if a.status == AttendanceStatus.PRESENT]
    excused = [a for a in rows if a.status == AttendanceStatus.EXCUSED]
    unexcused = [a for a in rows if a.status == AttendanceStatus.UNEXCUSED]
    lines = [
        f"Tổng số đảng viên được triệu tập: {len(rows)} đồng chí; có mặt: {len(present)} "
        f"đồng chí; vắng có lý do: {len(excused)} đồng chí; vắng không lý do: "
        f"{len(unexcused)} đồng chí."
    ]
    if excused:
        names = "; ".join(f"{a.member.full_name} ({a.reason})" for a in excused)
        lines.append(f"Vắng có lý do: {names}.")
    if unexcused:
        lines.append("Vắng không lý do: " + "; ".join(a.member.full_name for a in unexcused) + ".")
    late = [a for a in present if a.late_minutes]
    if late:
        names = "; ".join(f"{a.member.full_name} ({a.late_minutes} phút)" for a in late)
        lines.append(f"Đến muộn: {names}.")
    return [Para(line) for line in lines]


def _people_blocks(meeting: Meeting) -> list[Block]:
    blocks: list[Block] = []
    start = meeting.actual_start or meeting.planned_start
    blocks.append(Para(f"Thời gian: bắt đầu lúc {clock(start)}."))
    blocks.append(Para(f"Địa điểm: {meeting.place}."))
    if meeting.chair:
        blocks.append(Para(f"Chủ trì: đồng chí {meeting.chair.full_name}."))
    if meeting.minutes_taker:
        blocks.append(Para(f"Thư ký: đồng chí {meeting.minutes_taker.full_name}."))
    if meeting.superior_attendee:
        blocks.append(Para(f"Đồng chí cấp ủy cấp trên dự: {meeting.superior_attendee}."))
    return blocks + _attendance_blocks(meeting)


def _review_blocks(meeting: Meeting, text: str) -> list[Block]:
    blocks: list[Block] = [text] if text else []
    reviews = list(meeting.task_reviews.select_related("task__owner"))
    if reviews:
        labels = dict(Task._meta.get_field("status").choices)
        rows = [
            [
                str(n),
                r.task.title,
                r.task.owner.full_name if r.task.owner_id else "",
                str(labels.get(r.status, r.status)),
                f"{r.percent}%" + (" (quá hạn)" if r.was_overdue else ""),
            ]
            for n, r in enumerate(reviews, start=1)
        ]
        blocks.append(Table(["STT", "Nhiệm vụ", "Người thực hiện", "Trạng thái", "Tiến độ"], rows))
    return blocks


def _speech_blocks(meeting: Meeting, text: str) -> list[Block]:
    blocks: list[Block] = [text] if text else []
    for speech in meeting.speeches.select_related("member"):
        blocks.append(Para(f"Đồng chí {speech.member.full_name}: {speech.content}"))
    return blocks


def _resolution_text(meeting: Meeting) -> str:
    resolution = getattr(meeting, "resolution", None)
    if resolution is not None:
        return resolution.text
    return meeting.draft_resolution


def minutes_document(meeting: Meeting) -> PartyDocument:
    """The minutes as the cell writes them: time, place and who; then the parts in order
    (opening, last month's resolution reviewed task by task, the political task, the
    discussion with each speaker, the chair's conclusions, the resolution, what apps above
    add), the end time; the minutes' secretary signs on the left, the chair on the right."""
    minutes = getattr(meeting, "minutes", None)
    text = {
        part: getattr(minutes, part, "") if minutes is not None else ""
        for part in ("opening", "previous_review", "political_task", "discussion", "conclusions")
    }
    parts: list[tuple[str, list[Block]]] = [
        ("Khai mạc", [text["opening"]] if text["opening"] else []),
        (
            "Kiểm điểm việc thực hiện nghị quyết tháng trước",
            _review_blocks(meeting, text["previous_review"]),
        ),
        (
            "Tình hình thực hiện nhiệm vụ chính trị",
            [text["political_task"]] if text["political_task"] else [],
        ),
        ("Thảo luận", _speech_blocks(meeting, text["discussion"])),
        ("Kết luận của chủ trì", [text["conclusions"]] if text["conclusions"] else []),
        ("Nghị quyết", [_resolution_text(meeting)] if _resolution_text(meeting) else []),
    ]
    body: list[Block] = _people_blocks(meeting)
    number = 0
    for title, blocks in parts:
        number += 1
        body.append(Heading(f"{ROMAN[number - 1]}. {title}"))
        body.extend(blocks or [Para("(Không ghi.)", italic=True)])
    for part in MINUTES_PARTS_REGISTRY:
        extra = part(meeting)
        if extra and isinstance(extra[0], Heading):
            number += 1
            extra = [Heading(f"{ROMAN[min(number, len(ROMAN)) - 1]}. {extra[0].text}"), *extra[1:]]
        body.extend(extra)
    if meeting.actual_end:
        body.append(Para(f"Cuộc sinh hoạt kết thúc lúc {clock(meeting.actual_end)}."))
    body.append(
        Para(
            "Biên bản đã được thông qua trước chi bộ."
            if meeting.body == MeetingBody.CELL
            else "Biên bản đã được thông qua trước cấp ủy."
        )
    )
    chair, taker = meeting.chair, meeting.minutes_taker
    kind = (
        "Biên bản sinh hoạt chi bộ" if meeting.body == MeetingBody.CELL else "Biên bản họp cấp ủy"
    )
    return PartyDocument(
        superior=superior_name(meeting.organization),
        issuer=issuer_name(meeting),
        number=f"      -BB/{symbol(meeting)}",
        place=settings.DOCUMENT_PLACE,
        date=meeting_day(meeting),
        kind=kind,
        title=period_title(meeting),
        body=body,
        signer=Signer(post="Chủ trì", name=chair.full_name) if chair else None,
        left_signer=Signer(post="Thư ký", name=taker.full_name) if taker else None,
    )


def resolution_document(meeting: Meeting) -> PartyDocument:
    """The meeting's resolution: on what grounds, "CHI BỘ QUYẾT NGHỊ:", its text, the focus
    issues and tasks it put into the task loop; signed for the cell by its secretary (the
    chair when no secretary sits), sent to the body above and the cell's members."""
    adopted = getattr(meeting, "resolution", None)
    body_name = "chi bộ" if meeting.body == MeetingBody.CELL else "đảng ủy"
    day = meeting_day(meeting)
    blocks: list[Block] = [
        Para("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", italic=True),
        Para(f"- Căn cứ kết quả cuộc sinh hoạt {body_name} ngày {day:%d/%m/%Y},", italic=True),
        Para(f"{body_name.upper()} QUYẾT NGHỊ:", bold=True, center=True),
    ]
    text = adopted.text if adopted is not None else meeting.draft_resolution
    blocks.append(text or Para("(Chưa có nội dung nghị quyết.)", italic=True))
    linked = adopted.resolution if adopted is not None else None
    if linked is not None:
        issues = list(linked.focus_issues.all())
        if issues:
            blocks.append(Heading("Vấn đề trọng tâm"))
            for n, issue in enumerate(issues, start=1):
                detail = f": {issue.description}" if issue.description else ""
                blocks.append(Para(f"{n}. {issue.title}{detail}"))
    tasks = list(
        Task.objects.filter(source_kind=SourceKind.MEETING, source_ref=meeting.ref)
        .select_related("owner")
        .order_by("due_date", "id")
    )
    if tasks:
        blocks.append(Heading("Phân công thực hiện"))
        blocks.append(
            Table(
                ["STT", "Nhiệm vụ", "Người thực hiện", "Hạn hoàn thành"],
                [
                    [str(n), t.title, t.owner.full_name, f"{t.due_date:%d/%m/%Y}"]
                    for n, t in enumerate(tasks, start=1)
                ],
            )
        )
    secretary = _secretary(meeting.organization)
    signer = None
    if secretary is not None:
        signer = Signer(capacity=f"T/M {body_name}", post="Bí thư", name=secretary.full_name)
    elif meeting.chair is not None:
        signer = Signer(capacity=f"T/M {body_name}", post="Chủ trì", name=meeting.chair.full_name)
    superior = superior_name(meeting.organization)
    recipients = [superior] if superior else []
    recipients += [
        "Các đảng viên trong chi bộ" if meeting.body == MeetingBody.CELL else "Các cấp ủy viên",
        f"Lưu {body_name.capitalize()}",
    ]
    number = adopted.number_symbol if adopted is not None and adopted.number_symbol else ""
    return PartyDocument(
        superior=superior,
        issuer=issuer_name(meeting),
        number=number or f"      -NQ/{symbol(meeting)}",
        place=settings.DOCUMENT_PLACE,
        date=day,
        kind="Nghị quyết",
        title=period_title(meeting),
        body=blocks,
        signer=signer,
        recipients=recipients,
    )


def file_name(meeting: Meeting, what: str) -> str:
    """ "bien-ban-2026-12-CB-STC-NS.docx": the record's period and organization code."""
    period = (
        f"{meeting.year}-{meeting.month:02d}"
        if meeting.month
        else f"{meeting.year}-Q{meeting.quarter}"
    )
    return f"{what}-{period}-{meeting.organization.code}.docx"
