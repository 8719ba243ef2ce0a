"""The whole meeting on its pages: scheduled, invited, checked in, minutes, resolution, closed."""

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hatnhan.meetings import services
from hatnhan.meetings.models import AttendanceStatus, MeetingState
from hatnhan.tasks.models import SourceKind, Task

from .conftest import at


def test_a_meeting_from_schedule_to_close(client, users, invited, members, second_user):
    """Issue 9: the meeting's record from the calendar to the locked minutes."""
    meeting = invited
    secretary = users["secretary"]
    client.force_login(secretary)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("meetings:screen", args=[meeting.pk])).status_code == 200
    now = meeting.planned_start + dt.timedelta(minutes=2)
    for user in (users["member"], second_user):
        services.check_in(
            actor=user, meeting=meeting, code=services.checkin_code(meeting, now), now=now
        )
    for member in members[2:]:
        services.record_attendance(
            actor=secretary, meeting=meeting, member=member, status=AttendanceStatus.PRESENT
        )
    # Held three hours ago, whatever the hour now: a start still to come is refused, and the
    # planned start (tomorrow 14:00) is within the week's slack either way.
    start = timezone.now() - dt.timedelta(hours=3)
    services.record_times(
        actor=secretary,
        meeting=meeting,
        actual_start=start,
        actual_end=start + dt.timedelta(minutes=100),
    )
    services.save_minutes(
        actor=secretary, meeting=meeting, opening="Khai mạc", conclusions="Kết luận"
    )
    services.add_speech(actor=secretary, meeting=meeting, member=members[1], content="Ý kiến")
    adopted = services.adopt_resolution(
        actor=secretary,
        meeting=meeting,
        text="Nghị quyết tháng",
        focus_issues=[
            services.FocusSpec(
                title="Cải cách hành chính",
                tasks=[
                    services.TaskSpec(
                        title="Rà soát thủ tục",
                        expected_result="Danh sách thủ tục",
                        owner=members[1],
                        due_date=timezone.localdate() + dt.timedelta(days=20),
                    )
                ],
            )
        ],
    )
    task = Task.objects.get(source_ref=meeting.ref)
    assert task.source_kind == SourceKind.MEETING
    assert adopted.resolution.focus_issues.count() == 1
    services.close_meeting(actor=secretary, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CLOSED
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert page.status_code == 200
    assert "Rà soát thủ tục" in page.content.decode()
    assert (
        client.get(reverse("meetings:organization", args=[meeting.organization_id])).status_code
        == 200
    )
    assert client.get(reverse("meetings:list")).status_code == 200
    assert client.get(reverse("meetings:ics", args=[meeting.pk])).status_code == 200
    assert mail.outbox and mail.outbox[0].attachments[0][0] == "moi-hop.ics"
    _ = at
