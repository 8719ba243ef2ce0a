"""Reads for votes: lists through the restriction, the result only once closed, and the
recount from the stored ballots that stands next to the stored result."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from hatnhan.core.restrict import VIEW

from .models import Ballot, BallotCast, Choice, Vote


def vote_list(user: Any) -> QuerySet[Vote]:
    return (
        Vote.objects.restrict(user, VIEW)
        .select_related("meeting__organization")
        .annotate(cast_count=Count("casts", distinct=True))
        .order_by("-opened_at", "-id")
    )


def votes_of_meeting(user: Any, meeting: Any) -> QuerySet[Vote]:
    return vote_list(user).filter(meeting=meeting).order_by("position", "id")


@dataclass(frozen=True)
class Tally:
    votes_for: int
    votes_against: int
    abstentions: int

    @property
    def total(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions


def stored(vote: Vote) -> Tally | None:
    """The result written when the vote closed; None while it is open (nobody sees how a
    secret ballot stands before it closes, not even the secretary)."""
    if vote.is_open:
        return None
    return Tally(vote.votes_for, vote.votes_against, vote.abstentions)


def recount(vote: Vote) -> Tally | None:
    """The tally counted again from the stored ballots (secret ballots, once closed); None
    while open, or for a show of hands (nothing but the secretary's counts to recount)."""
    if vote.is_open or not vote.is_secret:
        return None
    counts = Ballot.objects.filter(vote=vote).aggregate(
        f=Count("pk", filter=Q(choice=Choice.FOR)),
        a=Count("pk", filter=Q(choice=Choice.AGAINST)),
        n=Count("pk", filter=Q(choice=Choice.ABSTAIN)),
    )
    return Tally(counts["f"], counts["a"], counts["n"])


def has_voted(vote: Vote, member: Any) -> bool:
    return member is not None and BallotCast.objects.filter(vote=vote, member=member).exists()


def cast_count(vote: Vote) -> int:
    annotated = getattr(vote, "cast_count", None)
    return annotated if annotated is not None else vote.casts.count()
