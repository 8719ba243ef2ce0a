"""Substantiated citizen reports count against the official they named and the agency that
received them; only closed, substantiated reports of the period count."""

import datetime as dt

from hatnhan.evaluations import metrics
from hatnhan.evaluations.tests.conftest import TODAY, YEAR, row_of
from hatnhan.feedback.models import FeedbackReport, Status


def _report(organization, official, *, closed_on, substantiated, code):
    return FeedbackReport.objects.create(
        organization=organization,
        receipt_code=code,
        secret_hash="!",
        category="harassment",
        description="Đòi bổ sung giấy tờ ngoài quy định",
        official_member=official,
        status=Status.CLOSED,
        received_on=closed_on - dt.timedelta(days=10),
        triage_due=closed_on,
        closed_on=closed_on,
        substantiated=substantiated,
    )


def test_substantiated_reports_count_for_the_official_and_the_agency(
    tree, make_member, make_round, compute
):
    official = make_member(tree["stc_cell"], "Cán Bộ Một Cửa")
    counted = _report(
        tree["stc"], official, closed_on=dt.date(YEAR, 5, 4), substantiated=True, code="PA-1"
    )
    _report(tree["stc"], official, closed_on=dt.date(YEAR, 6, 1), substantiated=False, code="PA-2")
    _report(
        tree["stc"], official, closed_on=dt.date(YEAR + 1, 1, 5), substantiated=True, code="PA-3"
    )
    round = compute(make_round(subjects="both"))
    assert row_of(round, official).metrics["feedback_substantiated"] == 1
    agency = round.evaluations.get(organization=tree["stc"])
    assert agency.metrics["feedback_substantiated"] == 1
    found = metrics.records(round, "member", official.pk, TODAY)
    behind = [r for r in found if r.metric == "feedback_substantiated"]
    assert [r.url for r in behind] == [f"/feedback/{counted.pk}/"]
    assert behind[0].label.startswith("PA-1")


def test_a_row_page_names_its_metrics_in_vietnamese():
    assert metrics.label("feedback_substantiated") == "Phản ánh của người dân được xác định đúng"
    assert metrics.label("a_source_of_its_own") == "a_source_of_its_own"
