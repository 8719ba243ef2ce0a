"""The whole run of a case once, the regular way (QĐ 296 Chapter II: preparation → conduct →
conclusion → follow-up)."""

import datetime as dt

from hatnhan.inspections import services
from hatnhan.inspections.models import Step
from hatnhan.tasks import services as task_services
from hatnhan.tasks.models import SourceKind, TaskStatus


def test_a_case_runs_every_step_and_closes_once_remediation_is_accepted(
    case, advance, committee, subject_owner, users, today
):
    """QĐ 296 Chapter II: every step in order; the case closes once remediation is accepted."""
    advance(case, Step.RECOMMENDATIONS)
    assert case.step == Step.RECOMMENDATIONS
    finding = case.findings.get()
    rec = services.add_recommendation(
        actor=committee,
        finding=finding,
        text="Niêm yết đầy đủ phí, lệ phí tại bộ phận một cửa",
        owner=subject_owner,
        due_date=today + dt.timedelta(days=30),
    )
    task = rec.task
    assert task.organization_id == case.subject_organization_id
    assert task.source_kind == SourceKind.INSPECTION_FINDING
    assert task.source_ref == f"inspections.finding:{finding.pk}"
    services.complete_step(actor=committee, case=case, step=Step.RECOMMENDATIONS)
    task_services.submit_task(actor=None, task=task)
    task_services.accept_task(actor=committee, task=task, outcome="met")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    services.close_case(actor=committee, case=case)
    case.refresh_from_db()
    assert case.step == Step.CLOSED
    assert case.closed_on == today
    assert list(case.steps.values_list("step", flat=True)) == [s.value for s in Step][:-1]
