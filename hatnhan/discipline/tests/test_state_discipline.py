"""A state body that disciplines a party member tells the party organization within 5 days
(QĐ 296-QĐ/TW, REGULATIONS.md §3; DISCIPLINE_STATE_NOTICE_DAYS, calendar days unless
DISCIPLINE_STATE_NOTICE_WORKING_DAYS): a notice after the limit, or none by then, is late."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hatnhan.discipline import services
from hatnhan.discipline.models import StateDiscipline

pytestmark = [pytest.mark.django_db]

FRIDAY = dt.date(2026, 3, 6)


def _record(users, member, **values):
    values.setdefault("state_body", "Sở Tài chính")
    values.setdefault("number", "15/QĐ-STC")
    values.setdefault("decided_on", FRIDAY)
    values.setdefault("form", "warning")
    return services.record_state_discipline(actor=users["secretary"], member=member, **values)


def test_notice_within_five_days_is_on_time(users, full_member):
    record = _record(users, full_member, notified_on=FRIDAY + dt.timedelta(days=5))
    assert record.notice_due_on == dt.date(2026, 3, 11)
    assert not record.is_late()


def test_notice_after_five_days_is_late(users, full_member):
    record = _record(users, full_member, notified_on=FRIDAY + dt.timedelta(days=6))
    assert record.is_late()


def test_no_notice_is_late_once_the_limit_passed(users, full_member):
    record = _record(users, full_member)
    assert not record.is_late(today=dt.date(2026, 3, 11))
    assert record.is_late(today=dt.date(2026, 3, 12))
    services.record_state_notice(
        actor=users["secretary"], state_discipline=record, notified_on=dt.date(2026, 3, 10)
    )
    record.refresh_from_db()
    assert not record.is_late(today=dt.date(2026, 6, 1))


def test_working_days_are_a_setting(users, full_member, settings):
    """Counted Monday to Friday: from a Friday, five working days end the next Friday."""
    settings.DISCIPLINE_STATE_NOTICE_WORKING_DAYS = True
    assert _record(users, full_member).notice_due_on == dt.date(2026, 3, 13)
    settings.DISCIPLINE_STATE_NOTICE_DAYS = 10
    assert services.notice_due(FRIDAY) == dt.date(2026, 3, 20)


def test_working_days_skip_the_holidays(settings):
    """From Wednesday 29/04/2026: 30/4, 1/5 and the weekend are not counted."""
    settings.DISCIPLINE_STATE_NOTICE_WORKING_DAYS = True
    assert services.notice_due(dt.date(2026, 4, 29)) == dt.date(2026, 5, 8)
    settings.DISCIPLINE_STATE_NOTICE_WORKING_DAYS = False
    assert services.notice_due(dt.date(2026, 4, 29)) == dt.date(2026, 5, 4)


def test_late_filter(users, full_member, client):
    _record(users, full_member, number="1", notified_on=FRIDAY + dt.timedelta(days=9))
    _record(users, full_member, number="2", notified_on=FRIDAY + dt.timedelta(days=1))
    client.force_login(users["secretary"])
    late = client.get("/api/v1/state-discipline/?late=true").json()["results"]
    assert [r["number"] for r in late] == ["1"] and late[0]["is_late"]
    page = client.get("/discipline/state/").content.decode()
    assert "muộn" in page


def test_notice_before_the_decision_refused(users, full_member):
    with pytest.raises(ValidationError) as caught:
        _record(users, full_member, notified_on=FRIDAY - dt.timedelta(days=1))
    assert "notified_on" in caught.value.message_dict
    assert not StateDiscipline.objects.exists()
