"""A meeting closes only after its votes are closed (issue 9: the minutes record the vote's
result; a ballot cast after the minutes are locked would be one they never record). The
refusal names the field and changes nothing."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.meetings import services as meeting_services
from hatnhan.meetings.models import MeetingState
from hatnhan.votes import services

pytestmark = pytest.mark.django_db


def test_an_open_ballot_keeps_the_meeting_open(secret, meeting, users):
    with pytest.raises(ValidationError) as refused:
        meeting_services.close_meeting(actor=users["secretary"], meeting=meeting)

    assert "state" in refused.value.message_dict
    assert "1 biểu quyết đang mở" in refused.value.message_dict["state"][0]
    meeting.refresh_from_db()
    assert meeting.state != MeetingState.CLOSED and meeting.closed_at is None


def test_once_the_vote_is_closed_the_meeting_closes(secret, meeting, users):
    services.close_vote(actor=users["secretary"], vote=secret)

    closed = meeting_services.close_meeting(actor=users["secretary"], meeting=meeting)

    assert closed.state == MeetingState.CLOSED
