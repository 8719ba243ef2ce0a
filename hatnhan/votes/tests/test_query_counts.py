"""The votes' list, meeting and detail pages and the API list: their SQL count does not grow
with the number of votes or ballots."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hatnhan.core.testing import api_client
from hatnhan.votes import services

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_votes(meeting, users, n):
    for i in range(n):
        services.record_show_of_hands(
            actor=users["secretary"],
            meeting=meeting,
            question=f"Q{i}",
            votes_for=1,
            votes_against=0,
        )


@pytest.mark.parametrize("page", ["list", "meeting", "api"])
def test_lists_do_not_grow(meeting, users, client, page):
    client.force_login(users["secretary"])
    api = api_client(users["secretary"])
    url = {
        "list": reverse("votes:list"),
        "meeting": reverse("votes:meeting", args=[meeting.pk]),
        "api": "/api/v1/votes/",
    }[page]
    reader = api if page == "api" else client
    add_votes(meeting, users, 1)
    few = queries(reader, url)
    add_votes(meeting, users, 6)
    assert queries(reader, url) == few


def test_detail_does_not_grow_with_ballots(secret, users, voter, client):
    client.force_login(users["secretary"])
    url = reverse("votes:detail", args=[secret.pk])
    services.cast_ballot(actor=voter, vote=secret, choice="for")
    few = queries(client, url)
    services.cast_ballot(actor=users["member"], vote=secret, choice="for")
    assert queries(client, url) == few
    services.close_vote(actor=users["secretary"], vote=secret)
    closed = queries(client, url)
    assert closed <= few + 2
