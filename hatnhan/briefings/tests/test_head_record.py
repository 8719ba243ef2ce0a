"""A head's record of briefings on time for a year, as the year-end evaluation reads it
(QĐ 138-QĐ/TW 2023, Art. 11; the evaluation's "on time" criterion, QĐ 366 Art. 11)."""

import datetime as dt

import pytest

from hatnhan.briefings import services
from hatnhan.briefings.selectors import head_record
from hatnhan.briefings.tests.conftest import CONTENT, at

pytestmark = pytest.mark.django_db


def test_on_time_late_missing(duty, users, head_user, head):
    services.update_duty(actor=users["secretary"], duty=duty, frequency="quarterly")
    duty.refresh_from_db()
    # Q1 due 15/04 filed on time; Q2 due 15/07 filed late; Q3 due 15/10 missing; Q4 not due yet.
    services.file_briefing(
        actor=head_user,
        duty=duty,
        period_start=dt.date(2026, 1, 1),
        now=at(dt.date(2026, 4, 10)),
        **CONTENT,
    )
    services.file_briefing(
        actor=users["secretary"],
        duty=duty,
        period_start=dt.date(2026, 4, 1),
        now=at(dt.date(2026, 7, 28)),
        **CONTENT,
    )
    record = head_record(head.pk, 2026, today=dt.date(2026, 11, 1))
    assert (record.due, record.on_time, record.late, record.missing) == (3, 1, 1, 1)
    assert record.on_time_rate == pytest.approx(1 / 3)


def test_requests_count_in_the_year_they_are_due(duty, users, head_user, head, today):
    asked = services.request_briefing(
        actor=users["secretary"], duty=duty, due_date=today, request_note="Tình hình thu chi"
    )
    services.submit_requested(actor=head_user, briefing=asked, **CONTENT)
    record = head_record(head.pk, today.year, today=today)
    assert any(r.kind == "requested" and r.state == "on_time" for r in record.rows)


def test_a_year_with_nothing_owed(head, duty):
    record = head_record(head.pk, 2024, today=dt.date(2026, 1, 1))
    assert (record.due, record.on_time_rate) == (0, None)
