"""A year's regular schedule in one step: every month's first Tuesday (issue 9, Schedule)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hatnhan.meetings import services
from hatnhan.meetings.models import Meeting, MeetingKind

pytestmark = pytest.mark.django_db


def test_every_months_first_tuesday(users, cell, members):
    """Twelve regular meetings, each on its month's first Tuesday at the chosen time."""
    made = services.generate_year(
        actor=users["secretary"], organization=cell, year=2027, place="Phòng họp", weekday=1, nth=1
    )
    assert len(made) == 12
    for meeting in made:
        local = timezone.localtime(meeting.planned_start)
        assert local.weekday() == 1 and local.day <= 7 and local.hour == 14
        assert meeting.kind == MeetingKind.REGULAR and meeting.month == local.month


def test_months_already_scheduled_are_kept(users, cell, members):
    """A month with its regular meeting already on the calendar is left as it is."""
    start = timezone.make_aware(dt.datetime(2027, 3, 10, 8, 0))
    services.schedule_meeting(
        actor=users["secretary"], organization=cell, planned_start=start, place="A"
    )
    made = services.generate_year(actor=users["secretary"], organization=cell, year=2027, place="B")
    assert len(made) == 11
    assert Meeting.objects.filter(organization=cell, month=3).get().place == "A"


def test_a_clash_refuses_the_whole_year_naming_the_month(users, cell, members):
    """A clash with another meeting refuses the year, naming the month; nothing is written."""
    services.schedule_meeting(
        actor=users["secretary"],
        organization=cell,
        planned_start=timezone.make_aware(dt.datetime(2027, 5, 4, 14, 30)),
        place="A",
        kind=MeetingKind.THEMATIC,
        topic="Chuyên đề",
    )
    with pytest.raises(ValidationError) as error:
        services.generate_year(actor=users["secretary"], organization=cell, year=2027, place="B")
    assert "Tháng 5" in error.value.message_dict
    assert Meeting.objects.filter(kind=MeetingKind.REGULAR).count() == 0


def test_last_weekday_of_the_month():
    """nth = -1 is the month's last such weekday."""
    assert services.nth_weekday(2027, 2, 4, -1) == dt.date(2027, 2, 26)
    assert services.nth_weekday(2027, 12, 1, 1) == dt.date(2027, 12, 7)


def test_a_grassroots_committees_year(users, tree):
    """A grassroots organization with cells meets as its committee (Quy định 24: monthly)."""
    made = services.generate_year(
        actor=users["secretary"],
        organization=tree["stc"],
        year=2027,
        place="Phòng họp",
        body="committee",
    )
    assert len(made) == 12 and {m.body for m in made} == {"committee"}
