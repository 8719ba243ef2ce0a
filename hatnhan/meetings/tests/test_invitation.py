"""The invitation (HD 42: members are told the time, place and content, documents at least
one day ahead): every active member, in the app and by e-mail with an .ics file; the record
keeps when it went out."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from hatnhan.meetings import services
from hatnhan.meetings.models import Attendance
from hatnhan.members.models import MemberStatus
from hatnhan.tasks.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_every_active_member_is_invited(users, meeting, members, make_member, cell):
    """Active members get an attendance row; those who left the cell's life do not."""
    make_member(cell, "Người miễn sinh hoạt", status=MemberStatus.EXEMPT)
    result = services.send_invitation(actor=users["secretary"], meeting=meeting)
    invited = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    assert invited == {m.pk for m in members}
    assert result.invited == len(members)


def test_in_app_notice_with_the_meeting_as_its_record(users, meeting, members):
    """The notice names the meeting (about_ref) and links to its page."""
    services.send_invitation(actor=users["secretary"], meeting=meeting)
    note = Notification.objects.get(user=users["member"])
    assert note.kind == NotificationKind.MEETING_INVITATION
    assert note.about_ref == f"meetings.meeting:{meeting.pk}"
    assert note.target_url == f"/meetings/{meeting.pk}/"


def test_email_carries_the_calendar_file_and_documents(users, meeting, members):
    """An e-mail with moi-hop.ics (RFC 5545) and the documents attached ahead."""
    services.add_document(
        actor=users["secretary"],
        meeting=meeting,
        title="Dự thảo nghị quyết",
        file=SimpleUploadedFile("du-thao.pdf", PDF, content_type="application/pdf"),
    )
    services.send_invitation(actor=users["secretary"], meeting=meeting)
    message = next(m for m in mail.outbox if "dung@example.vn" in m.to)
    names = [a[0] for a in message.attachments]
    assert names == ["moi-hop.ics", "du-thao.pdf"]
    ics = message.attachments[0][1]
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in ics
    assert f"UID:meeting-{meeting.pk}@" in ics
    assert "LOCATION:Phòng họp tầng 2" in ics


def test_the_first_sending_time_is_kept(users, meeting, members, make_member, cell):
    """HD 42's check reads when the invitation first went out: sending again (to a new
    member) does not move it."""
    services.send_invitation(actor=users["secretary"], meeting=meeting)
    meeting.refresh_from_db()
    first = meeting.invitation_sent_at
    newcomer = make_member(cell, "Đảng viên mới")
    result = services.send_invitation(actor=users["secretary"], meeting=meeting)
    meeting.refresh_from_db()
    assert result.invited == 1
    assert meeting.invitation_sent_at == first
    assert Attendance.objects.filter(meeting=meeting, member=newcomer).exists()


def test_documents_added_later_move_the_documents_time(users, invited):
    """A document added after the invitation is sent on; the record's documents time is then."""
    assert invited.documents_sent_at is None
    services.add_document(
        actor=users["secretary"],
        meeting=invited,
        title="Báo cáo",
        file=SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf"),
    )
    invited.refresh_from_db()
    assert invited.documents_sent_at is not None
