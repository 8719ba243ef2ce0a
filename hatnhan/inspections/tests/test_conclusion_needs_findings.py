"""QĐ 296-QĐ/TW Chapter II (the conclusion): the body concludes on findings, or records that
there was no violation; never on nothing."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.inspections import services
from hatnhan.inspections.models import Step, StepOutcome


def test_a_conclusion_without_findings_or_no_violation_is_refused(case, advance, inspector, today):
    """QĐ 296: a conclusion rests on findings or on a recorded "no violation"."""
    advance(case, Step.FINDINGS, finding=False)
    with pytest.raises(ValidationError) as refused:
        services.record_conclusion(
            actor=inspector, case=case, conclusion="Tốt", number="", concluded_on=today
        )
    assert "không có vi phạm" in str(refused.value)
    case.refresh_from_db()
    assert case.step == Step.FINDINGS and case.conclusion == ""


def test_no_violation_concludes_and_passes_over_recommendations_with_the_reason(
    case, advance, inspector, today
):
    """QĐ 296: "no violation" is a conclusion; nothing to remedy, so the recommendations step
    is recorded as skipped with its reason."""
    advance(case, Step.FINDINGS, finding=False)
    services.record_conclusion(
        actor=inspector,
        case=case,
        conclusion="Thực hiện tốt",
        number="3-TB/UBKT",
        concluded_on=today,
        no_violation=True,
    )
    case.refresh_from_db()
    assert case.step == Step.FOLLOW_UP and case.no_violation
    skipped = case.steps.get(step=Step.RECOMMENDATIONS)
    assert skipped.outcome == StepOutcome.SKIPPED and skipped.skip_reason


def test_no_violation_with_findings_recorded_is_refused(case, advance, inspector, today):
    """QĐ 296: a conclusion cannot contradict the findings recorded."""
    advance(case, Step.FINDINGS)
    services.add_finding(actor=inspector, case=case, title="Thiếu sót", severity="minor")
    with pytest.raises(ValidationError) as refused:
        services.record_conclusion(
            actor=inspector,
            case=case,
            conclusion="Tốt",
            number="",
            concluded_on=today,
            no_violation=True,
        )
    assert "no_violation" in refused.value.message_dict
