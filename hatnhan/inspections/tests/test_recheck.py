"""A re-check (phúc tra) of the remediation can be scheduled after the conclusion (issue 10;
QĐ 296 follow-up) and its result recorded."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hatnhan.inspections import services
from hatnhan.inspections.models import Step


def test_a_recheck_is_scheduled_after_the_conclusion_and_recorded(case, advance, inspector, today):
    """QĐ 296 follow-up: the body re-checks what was remedied."""
    advance(case, Step.MEETING)
    with pytest.raises(ValidationError):
        services.schedule_recheck(
            actor=inspector, case=case, scheduled_on=today, purpose="Phúc tra"
        )
    advance(case, Step.RECOMMENDATIONS)
    recheck = services.schedule_recheck(
        actor=inspector,
        case=case,
        scheduled_on=today + dt.timedelta(days=60),
        purpose="Phúc tra việc niêm yết",
    )
    with pytest.raises(ValidationError):
        services.record_recheck(actor=inspector, recheck=recheck, done_on=today, result=" ")
    services.record_recheck(actor=inspector, recheck=recheck, done_on=today, result="Đã khắc phục")
    recheck.refresh_from_db()
    assert recheck.result == "Đã khắc phục" and recheck.recorded_by == inspector
