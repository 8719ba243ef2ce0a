"""Public statistics: by category and month, share answered in time, median time to answer;
small counts suppressed; no personal data. And the substantiated figure for the scorecards."""

import datetime as dt

import pytest
from django.urls import reverse

from hatnhan.feedback import selectors, services

from .conftest import PLANTED

pytestmark = pytest.mark.django_db


def _answered(file_report, users, n: int, *, days: int, category: str = "harassment"):
    made = []
    for _ in range(n):
        report, _ = file_report(
            category=category,
            reporter_contact=PLANTED,
            now=dt.datetime(2026, 3, 2, 3, tzinfo=dt.UTC),
        )
        services.triage_report(actor=users["secretary"], report=report, today=dt.date(2026, 3, 2))
        services.answer_report(
            actor=users["secretary"],
            report=report,
            answer="Đã trả lời.",
            today=dt.date(2026, 3, 2) + dt.timedelta(days=days),
        )
        made.append(report)
    return made


def test_figures_and_suppression(file_report, users, tree, settings):
    settings.FEEDBACK_STATS_MIN_COUNT = 5
    settings.FEEDBACK_ANSWER_WORKING_DAYS = 5
    _answered(file_report, users, 4, days=2)  # 2 working days, in time
    _answered(file_report, users, 2, days=14)  # 10 working days, late
    file_report(category="delay", now=dt.datetime(2026, 3, 3, 3, tzinfo=dt.UTC))
    stats = selectors.statistics(tree["stc"], 2026)
    assert stats["total"] == 7
    assert dict(stats["by_category"])["Gây phiền hà, sách nhiễu"] == 6
    assert dict(stats["by_category"])["Chậm giải quyết quá thời hạn quy định"] is None  # 1 < 5
    assert dict(stats["by_month"])[3] == 7 and dict(stats["by_month"])[4] is None
    assert stats["answered"] == 6
    assert stats["share_in_time"] == 67
    assert stats["median_days"] == 2
    assert selectors.statistics(tree["syt"], 2026)["total"] is None


def test_too_few_answers_publish_no_share_or_median(file_report, users, tree):
    _answered(file_report, users, 2, days=1)
    stats = selectors.statistics(None, 2026)
    assert stats["share_in_time"] is None and stats["median_days"] is None


def test_the_public_page_shows_no_personal_data(client, file_report, users, tree, settings):
    settings.FEEDBACK_STATS_MIN_COUNT = 1
    _answered(file_report, users, 1, days=1)
    for url in (
        reverse("feedback:public-stats") + "?year=2026",
        reverse("feedback:public-agency-stats", args=["STC"]) + "?year=2026",
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert PLANTED not in page.content.decode()
        assert "data-share" in page.content.decode()


def test_substantiated_per_organization(file_report, users, tree):
    reports = _answered(file_report, users, 3, days=1)
    for report, yes in zip(reports, (True, True, False), strict=True):
        services.close_report(
            actor=users["secretary"],
            report=report,
            substantiated=yes,
            outcome="Xong.",
            today=dt.date(2026, 3, 20),
        )
    figures = selectors.substantiated_per_organization(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert figures == {tree["stc"].pk: 2}
    assert (
        selectors.substantiated_per_organization(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == {}
    )
