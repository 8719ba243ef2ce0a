"""The votes' demo part: held meetings get their show of hands and a secret ballot whose
stored result the recount reproduces; the audit chain stays intact."""

import datetime as dt
import random
from io import StringIO

import pytest

from hatnhan.audit.services import verify_chain
from hatnhan.votes import demo, selectors
from hatnhan.votes.models import Ballot, BallotCast, Method, Vote

pytestmark = pytest.mark.django_db


def test_demo_votes_at_held_meetings(meeting, voter):
    assert not demo.loaded()
    counts = demo.populate(rng=random.Random(1), today=dt.date(2026, 12, 20), stdout=StringIO())
    assert demo.loaded()
    assert counts["votes"] == 2
    hands = Vote.objects.get(method=Method.HANDS)
    assert hands.eligible == 5 and hands.votes_for + hands.votes_against + hands.abstentions == 5
    secret = Vote.objects.get(method=Method.SECRET)
    assert selectors.recount(secret) == selectors.stored(secret)
    assert Ballot.objects.count() == BallotCast.objects.count() == counts["ballots"]
    assert verify_chain() == []
