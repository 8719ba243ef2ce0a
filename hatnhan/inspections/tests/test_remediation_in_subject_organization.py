"""QĐ 296-QĐ/TW (the conclusion's recommendations): the subject remedies what the conclusion
asks; each recommendation is a task of the subject's organization, owned there, with a
deadline (source = the finding)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hatnhan.inspections import services
from hatnhan.inspections.models import Recommendation, Step
from hatnhan.tasks.models import SourceKind, Task


def test_an_owner_outside_the_subject_organization_is_refused_and_nothing_written(
    case, advance, committee, tree, make_member, today
):
    """QĐ 296: remediation is the subject's: an owner in Sở Y tế for Sở Tài chính's case is
    refused naming the field."""
    advance(case, Step.RECOMMENDATIONS)
    outsider = make_member(tree["syt_cell"], "Vũ Thị Ngoài")
    with pytest.raises(ValidationError) as refused:
        services.add_recommendation(
            actor=committee,
            finding=case.findings.get(),
            text="Khắc phục",
            owner=outsider,
            due_date=today + dt.timedelta(days=10),
        )
    assert "owner" in refused.value.message_dict
    assert not Task.objects.exists() and not Recommendation.objects.exists()


def test_a_recommendation_becomes_a_task_of_the_subject_with_the_finding_as_source(
    case, advance, committee, subject_owner, today
):
    """QĐ 296: the task is in the subject's organization, owner there, with the deadline."""
    advance(case, Step.RECOMMENDATIONS)
    finding = case.findings.get()
    due = today + dt.timedelta(days=20)
    rec = services.add_recommendation(
        actor=committee, finding=finding, text="Niêm yết phí", owner=subject_owner, due_date=due
    )
    task = rec.task
    assert (task.organization, task.owner, task.due_date) == (
        case.subject_organization,
        subject_owner,
        due,
    )
    assert task.source_kind == SourceKind.INSPECTION_FINDING
    assert task.source_ref == f"inspections.finding:{finding.pk}"
    assert task.assigned_by == committee


def test_recommendations_wait_for_the_conclusion(case, advance, committee, subject_owner, today):
    """QĐ 296: recommendations are part of the conclusion, not of the conduct."""
    advance(case, Step.FINDINGS)
    finding = services.add_finding(actor=committee, case=case, title="Thiếu sót", severity="minor")
    with pytest.raises(ValidationError):
        services.add_recommendation(
            actor=committee,
            finding=finding,
            text="Khắc phục",
            owner=subject_owner,
            due_date=today + dt.timedelta(days=5),
        )
