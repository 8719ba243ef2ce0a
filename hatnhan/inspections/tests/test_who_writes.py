"""Who may write (INSPECTION_CASE_ACCESS for the case; the task loop's rule for the remediation
it assigns): the subject writes only its self-report; an inspector-only account cannot assign
tasks in the subject's organization and is told so."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from hatnhan.inspections import services
from hatnhan.inspections.models import CaseStep, Step
from hatnhan.tasks.models import Task


def test_the_subjects_secretary_cannot_record_the_bodys_steps(case, users, today):
    """The subject is inspected, it does not run the inspection."""
    with pytest.raises(PermissionDenied):
        services.record_decision(actor=users["secretary"], case=case, number="1", decided_on=today)
    assert not CaseStep.objects.exists()


def test_an_inspector_only_account_is_refused_remediation_with_the_reason(
    case, advance, inspector, subject_owner, today
):
    """Remediation is a task: assigning it needs CHANGE in the subject's organization."""
    advance(case, Step.RECOMMENDATIONS)
    with pytest.raises(PermissionDenied) as refused:
        services.add_recommendation(
            actor=inspector,
            finding=case.findings.get(),
            text="Khắc phục",
            owner=subject_owner,
            due_date=today + dt.timedelta(days=5),
        )
    assert "giao nhiệm vụ" in str(refused.value)
    assert not Task.objects.exists()


def test_another_organization_cannot_open_a_case_for_this_body(tree, users):
    """A case is opened by its own body (or by those the setting lets reach it)."""
    with pytest.raises(PermissionDenied):
        services.open_case(
            actor=users["other"],
            organization=tree["stc"],
            body="inspection_committee",
            kind="thematic_inspection",
            subject_organization=tree["stc_cell"],
            title="Không được mở",
        )
