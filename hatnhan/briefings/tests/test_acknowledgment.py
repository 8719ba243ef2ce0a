"""The committee acknowledges a briefing at its meeting and records its conclusions
(QĐ 138-QĐ/TW 2023, Art. 11: the committee discusses and concludes)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.briefings import services
from hatnhan.briefings.tests.conftest import CONTENT, at
from hatnhan.core.testing import writes_nothing

pytestmark = pytest.mark.django_db


def test_acknowledged_with_conclusions(filed, users):
    services.acknowledge_briefing(
        actor=users["committee"],
        briefing=filed,
        acknowledged_on=dt.date(2026, 7, 20),
        acknowledgment_note="Cấp ủy thống nhất đánh giá.",
        conclusions=["Đẩy nhanh giải ngân vốn đầu tư công", "", "Rà soát tài sản công"],
    )
    filed.refresh_from_db()
    assert filed.status == "acknowledged" and filed.acknowledged_on == dt.date(2026, 7, 20)
    assert [c.text for c in filed.conclusions.all()] == [
        "Đẩy nhanh giải ngân vốn đầu tư công",
        "Rà soát tài sản công",
    ]


def test_once(filed, users):
    services.acknowledge_briefing(actor=users["committee"], briefing=filed, conclusions=["A"])
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.acknowledge_briefing(actor=users["secretary"], briefing=filed, conclusions=["B"])
    assert "status" in exc.value.message_dict


def test_the_head_does_not_acknowledge_own_briefing(duty, users, head_user, tree):
    """A unified head (secretary and agency head, NQ 18-NQ/TW) briefs the committee: another
    committee member acknowledges it."""
    from hatnhan.accounts.services import grant_role

    grant_role(actor=None, user=head_user, role="secretary", organization=tree["stc"])
    briefing = services.file_briefing(
        actor=head_user,
        duty=duty,
        period_start=dt.date(2026, 1, 1),
        now=at(dt.date(2026, 7, 1)),
        **CONTENT,
    )
    with writes_nothing(), pytest.raises(PermissionDenied):
        services.acknowledge_briefing(actor=head_user, briefing=briefing, conclusions=["A"])


def test_needs_a_conclusion_or_note_and_a_real_date(filed, users, today):
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.acknowledge_briefing(actor=users["secretary"], briefing=filed, conclusions=["  "])
    assert "conclusions" in exc.value.message_dict
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.acknowledge_briefing(
            actor=users["secretary"],
            briefing=filed,
            conclusions=["A"],
            acknowledged_on=today + dt.timedelta(days=1),
        )
    assert "acknowledged_on" in exc.value.message_dict
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.acknowledge_briefing(
            actor=users["secretary"],
            briefing=filed,
            conclusions=["A"],
            acknowledged_on=dt.date(2026, 7, 1),
        )
    assert "acknowledged_on" in exc.value.message_dict


def test_not_before_it_is_filed(duty, users, today):
    asked = services.request_briefing(
        actor=users["secretary"], duty=duty, due_date=today, request_note="Tình hình thu ngân sách"
    )
    with writes_nothing(), pytest.raises(ValidationError):
        services.acknowledge_briefing(actor=users["committee"], briefing=asked, conclusions=["A"])


def test_another_organization_may_not(filed, users):
    with writes_nothing(), pytest.raises(PermissionDenied):
        services.acknowledge_briefing(actor=users["other"], briefing=filed, conclusions=["A"])


def _meeting(organization, **values):
    from django.utils import timezone

    from hatnhan.meetings.models import Meeting

    return Meeting.objects.create(
        organization=organization,
        body="committee",
        year=2026,
        month=7,
        quarter=3,
        place="Phòng họp tầng 2",
        planned_start=timezone.now(),
        **values,
    )


def test_at_a_meeting_of_the_organization(filed, users, tree):
    """The committee acknowledges it at a meeting (optional link to the meeting record)."""
    meeting = _meeting(tree["stc"])
    services.acknowledge_briefing(
        actor=users["secretary"], briefing=filed, conclusions=["A"], meeting=meeting
    )
    filed.refresh_from_db()
    assert filed.meeting == meeting


def test_not_at_another_organizations_meeting(filed, users, tree):
    meeting = _meeting(tree["stc_cell"])
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.acknowledge_briefing(
            actor=users["secretary"], briefing=filed, conclusions=["A"], meeting=meeting
        )
    assert "meeting" in exc.value.message_dict
