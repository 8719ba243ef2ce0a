"""The votes' part of the demo: at the demo meetings already held (the meetings' part), the
resolution adopted by show of hands, and at a dozen cells' latest meeting a secret ballot on
a proposal (a member's year-end rating).

The meetings are history by the time this part runs (most are closed, and a closed meeting
takes no new vote), so the votes are loaded as history, the way tasks' demo loads its rows:
built in memory as the services build them (the eligible count from the attendance, the
adoption rule, a secret ballot's ballots and has-voted records with nothing linking them,
the ballots in shuffled order), every row checked, one audit event per vote.
Deterministic for a given rng.
"""

import datetime as dt
import random
from typing import Any

from django.db import transaction

from hatnhan.core.services import audit_rows, validate_rows
from hatnhan.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingState

from . import services
from .models import Ballot, BallotCast, Choice, Method, Subject, Vote, VoteState

# The most recent held meetings that get their votes: enough to show, quick to load.
MEETINGS = 80
SECRET_BALLOTS = 12
WEIGHTS = [(Choice.FOR, 85), (Choice.AGAINST, 10), (Choice.ABSTAIN, 5)]


def loaded() -> bool:
    return Vote.objects.exists()


def _closing(meeting: Meeting) -> dt.datetime:
    start = meeting.actual_start or meeting.planned_start
    return (meeting.actual_end or start + dt.timedelta(minutes=meeting.planned_minutes)) - (
        dt.timedelta(minutes=10)
    )


def _hands(rng: random.Random, meeting: Meeting, eligible: int) -> Vote:
    against = 1 if eligible > 4 and rng.random() < 0.25 else 0
    abstain = 1 if eligible - against > 3 and rng.random() < 0.2 else 0
    question = (
        f"Thông qua nghị quyết tháng {meeting.month}/{meeting.year}"
        if meeting.month
        else f"Thông qua nghị quyết chuyên đề quý {meeting.quarter}/{meeting.year}"
    )
    vote = Vote(
        meeting=meeting,
        subject=Subject.RESOLUTION,
        question=question,
        method=Method.HANDS,
        state=VoteState.CLOSED,
        eligible=eligible,
        votes_for=eligible - against - abstain,
        votes_against=against,
        abstentions=abstain,
        position=1,
        closed_at=_closing(meeting),
    )
    vote.adopted = services.is_adopted(vote)
    return vote


def _secret(rng: random.Random, meeting: Meeting, voters: list[Any]) -> tuple[Vote, list, list]:
    rated = rng.choice(voters)
    voting = [m for m in voters if rng.random() < 0.95]
    choices = [rng.choices([c for c, _ in WEIGHTS], [w for _, w in WEIGHTS])[0] for _ in voting]
    vote = Vote(
        meeting=meeting,
        subject=Subject.PROPOSAL,
        question=f"Đề nghị xếp loại đồng chí {rated.full_name} Hoàn thành tốt nhiệm vụ "
        f"năm {meeting.year}",
        method=Method.SECRET,
        state=VoteState.CLOSED,
        eligible=len(voters),
        votes_for=choices.count(Choice.FOR),
        votes_against=choices.count(Choice.AGAINST),
        abstentions=choices.count(Choice.ABSTAIN),
        position=2,
        closed_at=_closing(meeting),
    )
    vote.adopted = services.is_adopted(vote)
    rng.shuffle(choices)  # the box as a close leaves it: in no order of casting
    return vote, voting, choices


@transaction.atomic
def populate(*, rng: random.Random, today: dt.date, stdout: Any) -> dict[str, int]:
    held = list(
        Meeting.objects.filter(state__in=[MeetingState.HELD, MeetingState.CLOSED])
        .select_related("organization")
        .order_by("-planned_start", "-id")[:MEETINGS]
    )
    present: dict[int, list[Any]] = {m.pk: [] for m in held}
    for attendance in (
        Attendance.objects.filter(meeting__in=held, status=AttendanceStatus.PRESENT)
        .select_related("member")
        .order_by("member__sort_key", "id")
    ):
        if services.may_vote(attendance.member):
            present[attendance.meeting_id].append(attendance.member)
    votes: list[Vote] = []
    secret: list[tuple[Vote, list, list]] = []
    cells: set[int] = set()
    for meeting in held:
        voters = present[meeting.pk]
        if not voters:
            continue
        votes.append(_hands(rng, meeting, len(voters)))
        if meeting.organization_id not in cells and len(cells) < SECRET_BALLOTS:
            cells.add(meeting.organization_id)
            made = _secret(rng, meeting, voters)
            secret.append(made)
            votes.append(made[0])
    validate_rows(votes, label="Biểu quyết")
    Vote.objects.bulk_create(votes)
    BallotCast.objects.bulk_create(
        [BallotCast(vote=vote, member=m) for vote, voting, _ in secret for m in voting]
    )
    Ballot.objects.bulk_create(
        [Ballot(vote=vote, choice=c) for vote, _, choices in secret for c in choices]
    )
    for method, action in ((Method.HANDS, "vote.hands"), (Method.SECRET, "vote.close")):
        audit_rows(
            actor=None,
            objs=[v for v in votes if v.method == method],
            action=action,
            organization_path=lambda vote: vote.meeting.organization.path,
        )
    ballots = sum(len(c) for _, _, c in secret)
    stdout.write(
        f"  … {len(votes)} biểu quyết ({len(secret)} bỏ phiếu kín, {ballots} phiếu) tại "
        f"{len({v.meeting_id for v in votes})} cuộc sinh hoạt"
    )
    return {"votes": len(votes), "ballots": ballots}
