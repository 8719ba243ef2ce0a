"""Two phones at once, and a close while ballots arrive, on two real database connections
(issue 9; services.py's lock order: the vote's row first). Each test widens the window the
race needs — a pause after the vote's row is read — so it fails when the lock is missing
rather than only when the timing is unlucky."""

import time

import pytest
from django.core.exceptions import ValidationError

from hatnhan.core.testing import run_concurrently
from hatnhan.votes import selectors, services
from hatnhan.votes.models import Ballot, BallotCast, Vote

pytestmark = pytest.mark.django_db(transaction=True)
PAUSE = 0.4


def slow_lock(monkeypatch):
    real = services._lock_vote

    def wrapper(vote):
        locked = real(vote)
        time.sleep(PAUSE)  # the window between reading the vote and writing
        return locked

    monkeypatch.setattr(services, "_lock_vote", wrapper)


def test_two_phones_voting_at_once_both_count(secret, users, voter, monkeypatch):
    slow_lock(monkeypatch)
    results = run_concurrently(
        lambda: services.cast_ballot(actor=users["member"], vote=secret, choice="for"),
        lambda: services.cast_ballot(actor=voter, vote=secret, choice="against"),
    )
    assert not any(isinstance(r, BaseException) for r in results), results
    assert Ballot.objects.count() == BallotCast.objects.count() == 2
    closed = services.close_vote(actor=users["secretary"], vote=secret)
    assert (closed.votes_for, closed.votes_against) == (1, 1)


def test_one_phone_twice_at_once_counts_once(secret, users, monkeypatch):
    slow_lock(monkeypatch)
    results = run_concurrently(
        lambda: services.cast_ballot(actor=users["member"], vote=secret, choice="for"),
        lambda: services.cast_ballot(actor=users["member"], vote=secret, choice="against"),
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1 and "đã bỏ phiếu" in str(refused[0])
    assert Ballot.objects.count() == BallotCast.objects.count() == 1


def test_close_while_a_ballot_arrives_loses_nothing(secret, users, voter, monkeypatch):
    """Either the ballot is in before the close and counted, or it finds the vote closed
    and is refused; never a ballot stored but not counted."""
    services.cast_ballot(actor=voter, vote=secret, choice="for")
    slow_lock(monkeypatch)
    results = run_concurrently(
        lambda: services.cast_ballot(actor=users["member"], vote=secret, choice="for"),
        lambda: services.close_vote(actor=users["secretary"], vote=secret),
    )
    cast, closed = results
    assert not isinstance(closed, BaseException), closed
    vote = Vote.objects.get(pk=secret.pk)
    if isinstance(cast, BaseException):
        assert isinstance(cast, ValidationError) and "đã kết thúc" in str(cast)
        assert vote.votes_for == 1
    else:
        assert vote.votes_for == 2
    assert selectors.recount(vote) == selectors.stored(vote)
    assert Ballot.objects.count() == BallotCast.objects.count() == vote.votes_for
