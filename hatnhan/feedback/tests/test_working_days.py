"""The triage and answer clocks count working days (hatnhan.organizations.workdays): across
the 30/04–01/05/2026 holidays and the weekend after them."""

import datetime as dt

import pytest

from hatnhan.feedback import services

pytestmark = pytest.mark.django_db


def test_triage_deadline_skips_the_holidays_and_the_weekend(file_report, settings):
    settings.FEEDBACK_TRIAGE_WORKING_DAYS = 7
    # Wednesday 29/04/2026, 10:00 local time.
    report, _ = file_report(now=dt.datetime(2026, 4, 29, 3, tzinfo=dt.UTC))
    assert report.received_on == dt.date(2026, 4, 29)
    # 30/04 and 01/05 are holidays, 02–03/05 a weekend: 04, 05, 06, 07, 08, 11, 12/05.
    assert report.triage_due == dt.date(2026, 5, 12)


def test_a_report_late_at_night_counts_from_the_local_day(file_report):
    # 23:30 local time on 29/04 is still 29/04 (UTC+7: 16:30 UTC).
    report, _ = file_report(now=dt.datetime(2026, 4, 29, 16, 30, tzinfo=dt.UTC))
    assert report.received_on == dt.date(2026, 4, 29)


def test_the_answer_clock_starts_at_triage_and_counts_working_days(report, users, settings):
    settings.FEEDBACK_ANSWER_WORKING_DAYS = 2
    services.triage_report(actor=users["secretary"], report=report, today=dt.date(2026, 4, 29))
    report.refresh_from_db()
    assert report.answer_due == dt.date(2026, 5, 5)
    services.answer_report(
        actor=users["secretary"], report=report, answer="Trả lời", today=dt.date(2026, 5, 5)
    )
    report.refresh_from_db()
    assert report.answered_on == dt.date(2026, 5, 5)
