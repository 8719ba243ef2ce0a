"""Quotas are checked and shown, not applied; every metric's records are reachable."""

import datetime as dt

from hatnhan.evaluations import metrics, services
from hatnhan.evaluations.tests.conftest import TODAY, YEAR, row_of


def _excellent(make_member, make_task, name):
    member = make_member(name=name)
    make_task(member, dt.date(YEAR, 3, 1), outcome="exceeded")
    return member


def test_qd124_quota_is_shown_on_the_round_and_rows_not_applied(
    make_member, make_task, make_round, compute
):
    members = [_excellent(make_member, make_task, f"Giỏi {i}") for i in range(2)]
    round = make_round("qd124-2023", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    for m in members:
        make_task(m, dt.date(2024, 3, 1), outcome="exceeded")
    round = compute(round)
    for m in members:
        services.review(actor=None, evaluation=row_of(round, m), general_score=30)
    round = compute(round)
    note = next(n for n in round.quota_notes if n["rule"] == "quota-excellent")
    assert note["passed"] is False
    for m in members:
        row = row_of(round, m)
        assert row.proposed_level == "excellent"  # not silently lowered
        assert any(e["rule"] == "quota-excellent" and not e["passed"] for e in row.explanation)


def test_qd366_quota_is_off_unless_the_setting_turns_it_on(
    settings, make_member, make_task, make_round, compute
):
    member = _excellent(make_member, make_task, "Giỏi")
    round = compute(make_round())
    services.review(actor=None, evaluation=row_of(round, member), general_score=30)
    assert compute(round).quota_notes == []
    settings.EVALUATION_QD366_EXCELLENT_QUOTA = True
    assert compute(round).quota_notes[0]["passed"] is False


def test_the_records_behind_the_metrics_link_to_each_task(
    make_member, make_task, make_round, compute
):
    member = make_member(name="Có Hồ Sơ")
    late = make_task(member, dt.date(YEAR, 3, 1), submitted=dt.date(YEAR, 3, 9))
    ok = make_task(member, dt.date(YEAR, 4, 1), outcome="exceeded")
    round = compute(make_round())
    found = metrics.records(round, "member", member.pk, TODAY)
    by_metric = {r.metric: r for r in found}
    assert by_metric["tasks_done_late"].url == f"/tasks/{late.pk}/"
    assert by_metric["on_time_exceeded"].url == f"/tasks/{ok.pk}/"


def test_a_new_source_joins_through_the_registry(make_member, make_round, compute):
    member = make_member(name="Phản Ánh")
    source = metrics.MetricSource(
        name="test-feedback",
        subject="member",
        compute=lambda r, ids, today: {pk: {"citizen_reports": 2} for pk in ids},
    )
    metrics.register(source)
    try:
        row = row_of(compute(make_round()), member)
    finally:
        metrics.SOURCES.remove(source)
    assert row.metrics["citizen_reports"] == 2


def test_a_head_gets_the_briefings_record(tree, make_member, make_round, compute):
    from hatnhan.briefings.models import BriefingDuty

    head = make_member(tree["stc_cell"], "Người Đứng Đầu")
    plain = make_member(tree["stc_cell"], "Không Đứng Đầu")
    BriefingDuty.objects.create(organization=tree["stc"], head=head, starts_on=dt.date(YEAR, 1, 1))
    round = compute(make_round())
    # Both half-years of 2025 were due by 20/01/2026 (semiannual, 15 days after) and none filed.
    assert row_of(round, head).metrics["briefings_missing"] >= 1
    assert "briefings_due" not in row_of(round, plain).metrics


def test_substantiated_findings_count_with_their_case(tree, make_member, make_round, compute):
    from hatnhan.inspections.models import Body, Case, Finding, ItemKind, Step

    member = make_member(tree["stc_cell"], "Bị Kiểm Tra")
    case = Case.objects.create(
        organization=tree["stc"],
        body=Body.INSPECTION_COMMITTEE,
        kind=ItemKind.SIGNS_OF_VIOLATION,
        subject_organization=tree["stc_cell"],
        subject_member=member,
        title="Kiểm tra khi có dấu hiệu vi phạm",
        step=Step.CONCLUSION,
        conclusion_date=dt.date(YEAR, 9, 1),
    )
    Finding.objects.create(case=case, title="Vi phạm quy chế", severity="moderate")
    round = compute(make_round())
    assert row_of(round, member).metrics["findings_substantiated"] == 1
    found = metrics.records(round, "member", member.pk, TODAY)
    assert any(r.url == f"/inspections/cases/{case.pk}/" for r in found)


def test_a_cell_carries_its_meetings_year_rating(tree, make_round, compute):
    round = compute(make_round(subjects="organizations"))
    cell = round.evaluations.get(organization=tree["stc_cell"]).metrics
    assert cell["meetings_held_months"] == 0
    assert cell["meetings_year_rating"] == "poor"
    assert "meetings_year_rating" not in round.evaluations.get(organization=tree["stc"]).metrics


def test_overdue_remediation_counts_for_the_organization(
    tree, make_member, make_task, make_round, compute
):
    member = make_member(tree["stc_cell"], "Khắc Phục")
    task = make_task(
        member, dt.date(YEAR, 6, 1), status="in_progress", organization=tree["stc_cell"]
    )
    task.source_kind = "inspection_finding"
    task.save(update_fields=["source_kind"])
    round = compute(make_round(subjects="organizations"))
    assert round.evaluations.get(organization=tree["stc_cell"]).metrics["remediation_overdue"] == 1
