"""Two members of the team record the same step at once, on two real database connections:
the case row's lock (services._locked) lets one through; the other is refused, and the step is
recorded once. The pause after the step is written widens the window the race needs."""

import time

import pytest
from django.core.exceptions import ValidationError

from hatnhan.core.testing import run_concurrently
from hatnhan.inspections import services
from hatnhan.inspections.models import CaseStep, Step

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_step_recorded_twice_at_once_is_recorded_once(
    case, inspector, committee, monkeypatch, today
):
    """QĐ 296 Chapter II: each step once, in order, whoever records it."""
    real = services._advance

    def slow(*args, **kwargs):
        result = real(*args, **kwargs)
        time.sleep(0.4)
        return result

    monkeypatch.setattr(services, "_advance", slow)
    results = run_concurrently(
        lambda: services.record_decision(
            actor=inspector, case=case, number="1-QĐ/UBKT", decided_on=today
        ),
        lambda: services.record_decision(
            actor=committee, case=case, number="2-QĐ/UBKT", decided_on=today
        ),
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1, results
    assert CaseStep.objects.filter(case=case, step=Step.DECISION).count() == 1
    case.refresh_from_db()
    assert case.step == Step.TEAM
