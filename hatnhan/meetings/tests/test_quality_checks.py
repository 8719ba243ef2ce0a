"""The computed quality checks (HD 12; durations of Chỉ thị 50-CT/TW and HD 42), each with the
facts it read, and the score and level from the rubric (a setting)."""

import datetime as dt

import pytest
from django.test import override_settings

from hatnhan.meetings import quality, services
from hatnhan.meetings.models import QualityLevel

from .conftest import at, hold

pytestmark = pytest.mark.django_db


def _check(meeting, code):
    return next(c for c in quality.computed_checks(meeting) if c.code == code)


def test_attendance_above_85_percent_with_no_unexcused(users, past_meeting, members):
    """HD 12: attendance > 85 % and no unexcused absence. 3 of 4 present is 75 %: fails."""
    meeting = hold(users["secretary"], past_meeting, members, present=members[:3])
    check = _check(meeting, "attendance_rate")
    assert not check.passed
    assert check.facts["present"] == 3 and check.facts["invited"] == 4
    assert check.facts["rate_percent"] == 75.0


def test_full_attendance_passes(users, held):
    assert _check(held, "attendance_rate").passed


def test_unexcused_absence_fails_even_above_the_rate(
    users, past_meeting, members, make_member, cell
):
    """HD 12: one unexcused absence fails the check whatever the rate."""
    extra = [make_member(cell, f"Đảng viên {i}") for i in range(5)]
    everyone = members + extra
    meeting = hold(users["secretary"], past_meeting, everyone)
    services.record_attendance(
        actor=users["secretary"], meeting=meeting, member=extra[0], status="unexcused"
    )
    check = _check(meeting, "attendance_rate")
    assert check.facts["rate_percent"] > 85 and check.facts["unexcused"] == 1
    assert not check.passed


def test_excused_more_than_three_times_in_a_row(users, cell, members):
    """HD 12: no member absent with excuse more than 3 times in a row in the year."""
    year = dt.date.today().year - 1
    last = None
    for month in range(1, 5):
        meeting = services.schedule_meeting(
            actor=users["secretary"],
            organization=cell,
            planned_start=at(dt.date(year, month, 5)),
            place="A",
        )
        last = hold(users["secretary"], meeting, members, present=members[1:])
    check = _check(last, "excused_streak")
    assert not check.passed
    assert check.facts["longest_streak"] == 4 and check.facts["members_over"] == [
        members[0].full_name
    ]


def test_duration_90_minutes(users, past_meeting, members):
    """Chỉ thị 50 / HD 42: at least 90 minutes."""
    meeting = hold(users["secretary"], past_meeting, members, minutes=80)
    check = _check(meeting, "duration")
    assert not check.passed and check.facts == {
        **check.facts,
        "minutes": 80,
        "required_minutes": 90,
    }


def test_duration_120_with_a_thematic_part(users, past_meeting, members):
    """Chỉ thị 50 / HD 42: at least 120 minutes when joined with a thematic part."""
    services.update_meeting(
        actor=users["secretary"], meeting=past_meeting, has_thematic_part=True, topic="Chuyên đề"
    )
    meeting = hold(users["secretary"], past_meeting, members, minutes=100)
    check = _check(meeting, "duration")
    assert not check.passed and check.facts["required_minutes"] == 120


def test_documents_at_least_one_day_ahead(users, held):
    """HD 42: documents reach members at least one day ahead; sent the same day fails."""
    check = _check(held, "documents_ahead")
    assert not check.passed  # the fixture sent the invitation (no documents) after the start
    held.documents_sent_at = held.planned_start - dt.timedelta(days=2)
    held.save()
    check = _check(held, "documents_ahead")
    assert check.passed and check.facts["hours_ahead"] == 48.0


def test_committee_met_first_and_draft_resolution(users, past_meeting, members):
    """HD 12: the committee meets first; a draft resolution is ready."""
    services.update_meeting(
        actor=users["secretary"],
        meeting=past_meeting,
        committee_met_on=past_meeting.planned_start.date() - dt.timedelta(days=3),
    )
    meeting = hold(users["secretary"], past_meeting, members)
    assert _check(meeting, "committee_met_first").passed
    assert not _check(meeting, "draft_resolution").passed


def test_members_who_spoke(users, held, members):
    """HD 12: many members speak (3 by default, a setting)."""
    for member in members[:2]:
        services.add_speech(actor=users["secretary"], meeting=held, member=member, content="Ý kiến")
    assert not _check(held, "speakers").passed
    services.add_speech(actor=users["secretary"], meeting=held, member=members[2], content="Ý kiến")
    check = _check(held, "speakers")
    assert check.passed and check.facts["speakers"] == 3


def test_minutes_complete(users, held):
    """HD 12: complete minutes — every part written; the missing ones are named."""
    services.save_minutes(actor=users["secretary"], meeting=held, opening="Khai mạc")
    check = _check(held, "minutes_complete")
    assert not check.passed
    assert check.facts["missing"] == [
        "previous_review",
        "political_task",
        "discussion",
        "conclusions",
    ]


def test_levels_from_the_rubric():
    """Tốt ≥ 90, Khá 70–< 90, Trung bình 50–< 70, Kém < 50."""
    assert [quality.level_for(s) for s in (90, 89, 70, 69, 50, 49)] == [
        QualityLevel.GOOD,
        QualityLevel.FAIR,
        QualityLevel.FAIR,
        QualityLevel.AVERAGE,
        QualityLevel.AVERAGE,
        QualityLevel.POOR,
    ]


def test_people_score_what_the_checks_leave():
    """Default rubric 15/20/45/20: the checks carry 15, 20, 25 and 10 of them."""
    assert quality.people_max() == {"preparation": 0, "attendance": 0, "conduct": 20, "closing": 10}


def test_thresholds_are_settings(users, held):
    """A bloc that asks 95 % attendance changes a setting, not code."""
    rubric = {**quality.rubric(), "attendance_rate_above": 100}
    with override_settings(MEETING_QUALITY=rubric):
        assert not _check(held, "attendance_rate").passed


def test_score_is_checks_plus_people(users, held):
    result = quality.assess(held, people={"conduct": 20, "closing": 10})
    assert result.score == result.computed + 30
    assert result.as_dict().keys() == {"score", "level", "checks"}
