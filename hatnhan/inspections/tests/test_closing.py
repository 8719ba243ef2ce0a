"""QĐ 296-QĐ/TW (follow-up after the conclusion): the case closes once every remediation task
is accepted, or when the inspecting body records why it closes anyway."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hatnhan.inspections import services
from hatnhan.inspections.models import Step


@pytest.fixture
def following(case, advance, committee, subject_owner, today):
    advance(case, Step.RECOMMENDATIONS)
    services.add_recommendation(
        actor=committee,
        finding=case.findings.get(),
        text="Khắc phục",
        owner=subject_owner,
        due_date=today + dt.timedelta(days=10),
    )
    services.complete_step(actor=committee, case=case, step=Step.RECOMMENDATIONS)
    case.refresh_from_db()
    return case


def test_closing_with_open_remediation_and_no_reason_is_refused(following, committee):
    """QĐ 296 follow-up: open remediation and no reason: refused, the case stays open."""
    with pytest.raises(ValidationError) as refused:
        services.close_case(actor=committee, case=following)
    assert "chưa được nghiệm thu" in str(refused.value)
    following.refresh_from_db()
    assert following.step == Step.FOLLOW_UP and following.closed_on is None


def test_the_body_closes_anyway_with_its_reason_kept(following, committee, today):
    """QĐ 296 follow-up: the body may close with a recorded reason."""
    services.close_case(actor=committee, case=following, reason="Chuyển theo dõi sang năm sau")
    following.refresh_from_db()
    assert following.step == Step.CLOSED
    assert following.close_anyway_reason == "Chuyển theo dõi sang năm sau"


def test_closing_before_follow_up_is_refused(case, advance, committee):
    """QĐ 296 Chapter II: closing is the last step."""
    advance(case, Step.MEETING)
    with pytest.raises(ValidationError):
        services.close_case(actor=committee, case=case, reason="Xong")
