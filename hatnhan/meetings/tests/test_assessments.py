"""Quality assessment by people (HD 12): the committee proposes, members present confirm, the
visiting superior committee member may record their own."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.meetings import services
from hatnhan.meetings.models import QualityConfirmation

pytestmark = pytest.mark.django_db


def test_committee_proposes_with_the_checks_kept(users, held):
    made = services.assess_meeting(actor=users["secretary"], meeting=held, conduct=20, closing=10)
    assert made.score >= 30
    assert {c["code"] for c in made.checks} >= {"attendance_rate", "duration", "minutes_complete"}


def test_points_beyond_the_people_part_refused(users, held):
    """People score only what the checks leave (default: conduct 20, closing 10)."""
    with pytest.raises(ValidationError) as error:
        services.assess_meeting(actor=users["secretary"], meeting=held, preparation=5)
    assert "preparation" in error.value.message_dict


def test_a_present_member_confirms_once(users, held):
    made = services.assess_meeting(actor=users["secretary"], meeting=held, conduct=15)
    services.confirm_assessment(actor=users["member"], assessment=made, agrees=True)
    with pytest.raises(ValidationError):
        services.confirm_assessment(actor=users["member"], assessment=made, agrees=False)
    assert QualityConfirmation.objects.get().agrees is True


def test_only_members_present_confirm(users, past_meeting, members):
    from .conftest import hold

    meeting = hold(users["secretary"], past_meeting, members, present=members[1:])
    made = services.assess_meeting(actor=users["secretary"], meeting=meeting)
    with pytest.raises(ValidationError):
        services.confirm_assessment(actor=users["member"], assessment=made, agrees=True)


def test_superior_assessment_needs_the_level_above(users, held):
    """The visiting member of the committee above (here the bloc's staff) records theirs; the
    cell's own leaders cannot."""
    made = services.assess_meeting(actor=users["staff"], meeting=held, kind="superior", conduct=18)
    assert made.kind == "superior"
    # The STC secretary leads the grassroots organization directly above this cell: allowed.
    services.assess_meeting(actor=users["secretary"], meeting=held, kind="superior")
    with pytest.raises(PermissionDenied):
        services.assess_meeting(actor=users["member"], meeting=held, kind="superior")
