"""Minutes in their parts, closing, and corrections: a closed meeting changes only by a
recorded correction, never a silent edit (issue 9, Bad input and refusals)."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.meetings import services
from hatnhan.meetings.models import Correction, MeetingState, Minutes

pytestmark = pytest.mark.django_db


def test_minutes_parts_are_saved(users, held):
    services.save_minutes(
        actor=users["secretary"], meeting=held, opening="Khai mạc", political_task="Tình hình"
    )
    minutes = Minutes.objects.get(meeting=held)
    assert (minutes.opening, minutes.political_task) == ("Khai mạc", "Tình hình")


def test_unknown_part_refused(users, held):
    with pytest.raises(ValidationError) as error:
        services.save_minutes(actor=users["secretary"], meeting=held, openning="Khai mạc")
    assert "openning" in error.value.message_dict


def test_closing_needs_times_and_full_attendance(users, past_meeting, members):
    """A meeting closes with its actual times and every invited member's attendance."""
    services.send_invitation(actor=users["secretary"], meeting=past_meeting)
    with pytest.raises(ValidationError) as error:
        services.close_meeting(actor=users["secretary"], meeting=past_meeting)
    assert "actual_end" in error.value.message_dict


def test_closed_minutes_refuse_edits(users, held):
    """After closing the minutes are locked: an edit is refused, naming the part."""
    services.save_minutes(actor=users["secretary"], meeting=held, opening="Khai mạc")
    services.close_meeting(actor=users["secretary"], meeting=held)
    with pytest.raises(ValidationError) as error:
        services.save_minutes(actor=users["secretary"], meeting=held, opening="Sửa lén")
    assert "opening" in error.value.message_dict
    assert Minutes.objects.get(meeting=held).opening == "Khai mạc"


def test_correction_is_applied_and_kept(users, held):
    """A correction changes the closed record and keeps before, after, reason and who."""
    services.save_minutes(actor=users["secretary"], meeting=held, conclusions="Kết luận cũ")
    services.close_meeting(actor=users["secretary"], meeting=held)
    services.correct_meeting(
        actor=users["secretary"],
        meeting=held,
        field="conclusions",
        value="Kết luận đúng",
        reason="Ghi nhầm khi soạn biên bản",
    )
    held.refresh_from_db()
    assert held.state == MeetingState.CLOSED
    assert Minutes.objects.get(meeting=held).conclusions == "Kết luận đúng"
    correction = Correction.objects.get(meeting=held)
    assert (correction.before, correction.after) == ("Kết luận cũ", "Kết luận đúng")
    assert correction.made_by == users["secretary"]


def test_correction_needs_a_reason(users, held):
    services.close_meeting(actor=users["secretary"], meeting=held)
    with pytest.raises(ValidationError) as error:
        services.correct_meeting(
            actor=users["secretary"], meeting=held, field="place", value="Khác", reason=""
        )
    assert "reason" in error.value.message_dict
    assert not Correction.objects.exists()
