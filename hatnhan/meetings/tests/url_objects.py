"""Objects inside the STC subtree for the every-URL restriction walker: one per URL kwarg
the meeting pages and downloads use, and per model the meeting API serves."""

import datetime as dt

from django.utils import timezone

from hatnhan.meetings import services
from hatnhan.meetings.models import AssessmentKind, MeetingDocument, QualityAssessment


def url_objects(ctx) -> dict[str, int]:
    cell, secretary = ctx.tree["stc_cell"], ctx.users["secretary"]
    ctx.make_member(cell, "Đinh Văn Họp")
    start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=2), dt.time(14, 0))
    )
    # Thematic: the votes registry's held meeting is the cell's regular one of its month.
    meeting = services.schedule_meeting(
        actor=secretary,
        organization=cell,
        planned_start=start,
        place="Hội trường",
        kind="thematic",
        topic="Chuyên đề kiểm thử",
    )
    services.send_invitation(actor=secretary, meeting=meeting)
    # Stored rows are enough: the walker's user must be refused before anything is read.
    document = MeetingDocument.objects.create(
        meeting=meeting,
        title="Tài liệu",
        file="meetings/test/none.pdf",
        file_name="none.pdf",
        file_kind="pdf",
        file_size=1,
    )
    assessment = QualityAssessment.objects.create(
        meeting=meeting, kind=AssessmentKind.PROPOSAL, score=0, level="poor"
    )
    attendance = meeting.attendances.first()
    return {
        "meeting_id": meeting.pk,
        "document_id": document.pk,
        "assessment_id": assessment.pk,
        "organization_id": cell.pk,
        "meetings.meeting": meeting.pk,
        "meetings.attendance": attendance.pk,
        "meetings.qualityassessment": assessment.pk,
    }
