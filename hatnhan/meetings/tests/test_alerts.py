"""Alerts (issue 9): a cell that has not held its monthly meeting by the month's end, or its
quarter's thematic one, is flagged to its secretary and to the level above — through the task
loop's reminder sweep, once per period."""

import datetime as dt

import pytest

from hatnhan.accounts.services import create_user
from hatnhan.meetings.reminders import last_periods, sweep_missing_meetings
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import Notification, NotificationKind
from hatnhan.tasks.reminders import SweepResult, send_due_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell_secretary(tree, make_member):
    return create_user(
        actor=None,
        username="ns_secretary",
        role="secretary",
        organization=tree["stc_cell"],
        member=make_member(tree["stc_cell"], "Bí thư chi bộ"),
        password="demo",
        check_password=False,
    )


def _old(tree):
    # The cells existed before the periods looked at.
    Organization.objects.update(created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))


def test_missing_monthly_meeting_flags_the_secretary_and_the_level_above(
    tree, users, cell_secretary
):
    _old(tree)
    today = dt.date(2026, 2, 3)
    sweep_missing_meetings(today, SweepResult(send_email=False))
    to_cell = Notification.objects.filter(
        kind=NotificationKind.MEETING_MISSING, user=cell_secretary
    )
    to_above = Notification.objects.filter(
        kind=NotificationKind.MEETING_MISSING, user=users["secretary"]
    )
    assert to_cell.get().reminder_date == dt.date(2026, 1, 31)
    assert to_above.filter(about_ref=f"organizations.organization:{tree['stc_cell'].pk}").exists()
    assert "tháng 1/2026" in to_cell.get().message


def test_once_per_period(tree, users, cell_secretary):
    """Sweeping again on later days of the next month adds nothing."""
    _old(tree)
    for day in (3, 4, 20):
        sweep_missing_meetings(dt.date(2026, 2, day), SweepResult(send_email=False))
    assert (
        Notification.objects.filter(
            kind=NotificationKind.MEETING_MISSING, user=cell_secretary
        ).count()
        == 1
    )


def test_missing_thematic_meeting_of_the_quarter(tree, users, cell_secretary):
    _old(tree)
    sweep_missing_meetings(dt.date(2026, 4, 2), SweepResult(send_email=False))
    note = Notification.objects.get(kind=NotificationKind.THEMATIC_MISSING, user=cell_secretary)
    assert note.reminder_date == dt.date(2026, 3, 31)
    assert "quý 1/2026" in note.message


def test_a_held_meeting_is_not_flagged(tree, users, cell_secretary, members):
    from hatnhan.meetings import services

    from .conftest import at, hold

    _old(tree)
    meeting = services.schedule_meeting(
        actor=users["secretary"],
        organization=tree["stc_cell"],
        planned_start=at(dt.date(2026, 1, 5)),
        place="A",
    )
    hold(users["secretary"], meeting, members)
    sweep_missing_meetings(dt.date(2026, 2, 3), SweepResult(send_email=False))
    assert not Notification.objects.filter(
        kind=NotificationKind.MEETING_MISSING, user=cell_secretary
    ).exists()


def test_registered_with_the_reminder_sweep(tree, users, cell_secretary):
    """The app registers its sweep (AppConfig.ready): the task loop's sweep runs it."""
    _old(tree)
    send_due_reminders(today=dt.date(2026, 2, 3), email=False)
    assert Notification.objects.filter(kind=NotificationKind.MEETING_MISSING).exists()


def test_last_periods():
    assert last_periods(dt.date(2026, 1, 10)) == (
        (2025, 12, dt.date(2025, 12, 31)),
        (2025, 4, dt.date(2025, 12, 31)),
    )
