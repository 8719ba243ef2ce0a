"""Each conclusion of the committee becomes a task in one step (the task loop's source:
SourceKind.BRIEFING, source_ref "briefings.briefing:<pk>")."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.briefings import services
from hatnhan.core.testing import writes_nothing

pytestmark = pytest.mark.django_db


@pytest.fixture
def conclusion(filed, users):
    services.acknowledge_briefing(
        actor=users["committee"],
        briefing=filed,
        conclusions=["Đẩy nhanh giải ngân vốn đầu tư công"],
    )
    return filed.conclusions.get()


def test_conclusion_becomes_a_task(conclusion, users, today):
    owner = users["member"].member
    task = services.conclusion_to_task(
        actor=users["secretary"],
        conclusion=conclusion,
        owner=owner,
        due_date=today + dt.timedelta(days=30),
        expected_result="Giải ngân đạt 95% kế hoạch",
    )
    assert task.title == "Đẩy nhanh giải ngân vốn đầu tư công"
    assert (task.source_kind, task.source_ref) == (
        "briefing",
        f"briefings.briefing:{conclusion.briefing_id}",
    )
    assert task.owner == owner and task.organization == conclusion.briefing.organization
    conclusion.refresh_from_db()
    assert conclusion.task == task


def test_once(conclusion, users, today):
    values = {
        "owner": users["member"].member,
        "due_date": today + dt.timedelta(days=30),
        "expected_result": "Giải ngân đạt 95% kế hoạch",
    }
    services.conclusion_to_task(actor=users["secretary"], conclusion=conclusion, **values)
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.conclusion_to_task(actor=users["committee"], conclusion=conclusion, **values)
    assert "conclusion" in exc.value.message_dict


def test_task_rules_still_apply(conclusion, users, today):
    """The task loop's own checks: a result that can be checked, a due date not past."""
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.conclusion_to_task(
            actor=users["secretary"],
            conclusion=conclusion,
            owner=users["member"].member,
            due_date=today - dt.timedelta(days=1),
            expected_result="X",
        )
    assert "due_date" in exc.value.message_dict


def test_other_organization_may_not(conclusion, users, today):
    with writes_nothing(), pytest.raises(PermissionDenied):
        services.conclusion_to_task(
            actor=users["other"],
            conclusion=conclusion,
            owner=users["member"].member,
            due_date=today + dt.timedelta(days=3),
            expected_result="X",
        )
