"""The tally is reproducible from the stored ballots (issue 9): the recount selector counts
the ballots again and the page shows it next to the stored result; a ballot changed in the
database afterwards shows as a mismatch."""

import pytest
from django.urls import reverse

from hatnhan.votes import selectors, services
from hatnhan.votes.models import Ballot

pytestmark = pytest.mark.django_db


def test_recount_equals_stored_and_reveals_tampering(secret, users, voter, client):
    services.cast_ballot(actor=users["member"], vote=secret, choice="for")
    services.cast_ballot(actor=voter, vote=secret, choice="for")
    vote = services.close_vote(actor=users["secretary"], vote=secret)
    assert selectors.recount(vote) == selectors.stored(vote)
    assert selectors.recount(vote).votes_for == 2
    Ballot.objects.filter(vote=vote).update(choice="against")
    assert selectors.recount(vote).votes_against == 2 != selectors.stored(vote).votes_against
    client.force_login(users["secretary"])
    html = client.get(reverse("votes:detail", args=[vote.pk])).content.decode()
    assert "Kiểm lại KHÔNG khớp với kết quả đã ghi." in html


def test_no_recount_while_open_or_for_hands(secret, meeting, users):
    assert selectors.recount(secret) is None and selectors.stored(secret) is None
    hands = services.record_show_of_hands(
        actor=users["secretary"], meeting=meeting, question="Q", votes_for=1, votes_against=0
    )
    assert selectors.recount(hands) is None and selectors.stored(hands).votes_for == 1
