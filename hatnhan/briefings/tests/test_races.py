"""Two secretaries at once: the same briefing acknowledged, the same conclusion turned into a
task. One wins, the other is refused; nothing is doubled (the briefing's row lock, then its
conclusion's)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hatnhan.accounts.services import create_user
from hatnhan.briefings import services
from hatnhan.briefings.models import Briefing, Conclusion
from hatnhan.core.testing import run_concurrently
from hatnhan.tasks.models import Task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def second_secretary(tree):
    return create_user(
        actor=None,
        username="stc_secretary2",
        role="committee",
        organization=tree["stc"],
        password="demo",
        check_password=False,
    )


def test_two_acknowledge_at_once(filed, users, second_secretary):
    results = run_concurrently(
        lambda: services.acknowledge_briefing(
            actor=users["secretary"], briefing=filed, conclusions=["A"]
        ),
        lambda: services.acknowledge_briefing(
            actor=second_secretary, briefing=filed, conclusions=["B"]
        ),
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1, results
    assert Briefing.objects.get(pk=filed.pk).status == "acknowledged"
    assert Conclusion.objects.filter(briefing=filed).count() == 1


def test_two_convert_the_same_conclusion_at_once(filed, users, second_secretary, today):
    services.acknowledge_briefing(
        actor=users["secretary"], briefing=filed, conclusions=["Rà soát tài sản công"]
    )
    conclusion = filed.conclusions.get()
    owner = users["member"].member

    def convert(actor):
        return lambda: services.conclusion_to_task(
            actor=actor,
            conclusion=conclusion,
            owner=owner,
            due_date=today + dt.timedelta(days=20),
            expected_result="Báo cáo rà soát",
        )

    results = run_concurrently(convert(users["secretary"]), convert(second_secretary))
    assert sum(isinstance(r, Task) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    assert Task.objects.filter(source_ref=filed.ref).count() == 1
