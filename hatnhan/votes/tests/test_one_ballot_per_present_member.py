"""One ballot per present member (issue 9): refused, with a clear message and nothing
written — a second ballot, a member not present, a probationary member (Điều lệ Đảng,
Điều 5), a ballot on a closed vote or on a show of hands, a choice that is not one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.core.testing import writes_nothing
from hatnhan.meetings.models import Attendance
from hatnhan.votes import services
from hatnhan.votes.models import Ballot, BallotCast

pytestmark = pytest.mark.django_db


def test_present_member_votes_once(secret, users):
    services.cast_ballot(actor=users["member"], vote=secret, choice="for")
    with writes_nothing(), pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.cast_ballot(actor=users["member"], vote=secret, choice="against")
    assert Ballot.objects.count() == BallotCast.objects.count() == 1


def test_member_not_present_refused(secret, users):
    Attendance.objects.filter(member=users["member"].member).update(status="excused", reason="Ốm")
    with writes_nothing(), pytest.raises(PermissionDenied, match="có mặt"):
        services.cast_ballot(actor=users["member"], vote=secret, choice="for")


def test_probationary_member_refused(secret, users):
    member = users["member"].member
    member.full_membership_date = None
    member.save(update_fields=["full_membership_date"])
    with writes_nothing(), pytest.raises(PermissionDenied, match="dự bị"):
        services.cast_ballot(actor=users["member"], vote=secret, choice="for")


def test_closed_vote_takes_no_ballot(secret, users):
    services.close_vote(actor=users["secretary"], vote=secret)
    with writes_nothing(), pytest.raises(ValidationError, match="đã kết thúc"):
        services.cast_ballot(actor=users["member"], vote=secret, choice="for")


def test_not_a_choice(secret, users):
    with writes_nothing(), pytest.raises(ValidationError, match="Lựa chọn"):
        services.cast_ballot(actor=users["member"], vote=secret, choice="maybe")


def test_eligible_fixed_at_opening(meeting, users, voter):
    """The number entitled is fixed when the ballot opens: 5 present full members."""
    vote = services.open_secret_ballot(actor=users["secretary"], meeting=meeting, question="Q")
    assert vote.eligible == 5
