"""QĐ 296-QĐ/TW Chapter II (the procedure): preparation → conduct → conclusion, in order; no
step is passed over without a recorded reason."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.inspections import services
from hatnhan.inspections.models import CaseStep, Step, StepOutcome


def test_a_later_step_is_refused_while_an_earlier_one_is_open(case, inspector, today):
    """QĐ 296 Chapter II: the notice comes after the decision, the team and the plan."""
    with pytest.raises(ValidationError) as refused:
        services.send_notice(actor=inspector, case=case, notice="Thông báo", sent_on=today)
    assert "đang ở bước" in str(refused.value)
    case.refresh_from_db()
    assert case.step == Step.DECISION and case.notice == ""
    assert not CaseStep.objects.filter(case=case).exists()


def test_a_step_is_skipped_only_with_a_reason_which_is_kept(case, inspector):
    """QĐ 296 Chapter II: a step passed over keeps its reason, who and when."""
    with pytest.raises(ValidationError) as refused:
        services.skip_step(actor=inspector, case=case, step=Step.DECISION, reason="  ")
    assert "reason" in refused.value.message_dict
    services.skip_step(
        actor=inspector, case=case, step=Step.DECISION, reason="Giám sát thường xuyên"
    )
    record = CaseStep.objects.get(case=case, step=Step.DECISION)
    assert record.outcome == StepOutcome.SKIPPED
    assert record.skip_reason == "Giám sát thường xuyên"
    assert record.done_by == inspector
    case.refresh_from_db()
    assert case.step == Step.TEAM


def test_the_conclusion_is_never_skipped(case, advance, inspector):
    """QĐ 296 Chapter II: the conclusion is what the case is for."""
    advance(case, Step.CONCLUSION)
    with pytest.raises(ValidationError) as refused:
        services.skip_step(actor=inspector, case=case, step=Step.CONCLUSION, reason="Không cần")
    assert "Không được bỏ qua" in str(refused.value)


def test_a_step_done_cannot_be_recorded_again(case, inspector, today):
    """QĐ 296 Chapter II: each step once, in order."""
    services.record_decision(actor=inspector, case=case, number="1-QĐ/UBKT", decided_on=today)
    with pytest.raises(ValidationError) as refused:
        services.record_decision(actor=inspector, case=case, number="2-QĐ/UBKT", decided_on=today)
    assert "đã được ghi" in str(refused.value)
    case.refresh_from_db()
    assert case.decision_number == "1-QĐ/UBKT"
