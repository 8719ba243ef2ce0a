"""A briefing the committee asks for (QĐ 138-QĐ/TW 2023, Art. 11: "khi được yêu cầu"),
with its own due date."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.briefings import services
from hatnhan.briefings.tests.conftest import CONTENT
from hatnhan.core.testing import writes_nothing

pytestmark = pytest.mark.django_db


def test_request_then_the_head_answers(duty, users, head_user, today):
    asked = services.request_briefing(
        actor=users["secretary"],
        duty=duty,
        due_date=today + dt.timedelta(days=5),
        request_note="Tình hình giải ngân vốn đầu tư công",
    )
    assert (asked.kind, asked.status, asked.due_date) == (
        "requested",
        "requested",
        today + dt.timedelta(days=5),
    )
    answered = services.submit_requested(actor=head_user, briefing=asked, **CONTENT)
    assert answered.status == "submitted" and answered.on_time
    with pytest.raises(ValidationError):
        services.submit_requested(actor=head_user, briefing=asked, **CONTENT)


def test_request_needs_content_and_a_future_due_date(duty, users, today):
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.request_briefing(
            actor=users["secretary"], duty=duty, due_date=today, request_note=" "
        )
    assert "request_note" in exc.value.message_dict
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.request_briefing(
            actor=users["secretary"],
            duty=duty,
            due_date=today - dt.timedelta(days=1),
            request_note="X",
        )
    assert "due_date" in exc.value.message_dict


def test_only_the_committee_asks(duty, head_user, today):
    with writes_nothing(), pytest.raises(PermissionDenied):
        services.request_briefing(actor=head_user, duty=duty, due_date=today, request_note="X")
