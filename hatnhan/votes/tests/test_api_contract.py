"""The votes API (hatnhan/votes/api.py's contract): a show of hands and a secret ballot
opened by POST, a ballot whose receipt never repeats the choice, errors as JSON fields."""

import pytest

from hatnhan.core.testing import api_client

pytestmark = pytest.mark.django_db


def test_show_of_hands_by_api(meeting, users):
    api = api_client(users["secretary"])
    made = api.post(
        "/api/v1/votes/",
        {"meeting": meeting.pk, "question": "Q", "method": "hands", "votes_for": 3},
        format="json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["result"] == {"votes_for": 3, "votes_against": 0, "abstentions": 0}
    too_many = api.post(
        "/api/v1/votes/",
        {"meeting": meeting.pk, "question": "Q", "method": "hands", "votes_for": 9},
        format="json",
    )
    assert too_many.status_code == 400 and "votes_for" in too_many.json()


def test_secret_ballot_by_api(meeting, users, voter):
    secretary = api_client(users["secretary"])
    made = secretary.post(
        "/api/v1/votes/", {"meeting": meeting.pk, "question": "Q", "method": "secret"}
    )
    assert made.status_code == 201 and made.json()["state"] == "open"
    vote_id = made.json()["id"]
    phone = api_client(voter)
    receipt = phone.post(f"/api/v1/votes/{vote_id}/ballot/", {"choice": "against"})
    assert receipt.status_code == 201 and receipt.json() == {"voted": True}
    again = phone.post(f"/api/v1/votes/{vote_id}/ballot/", {"choice": "for"})
    assert again.status_code == 400 and "choice" in again.json()
    assert phone.post(f"/api/v1/votes/{vote_id}/ballot/", {"choice": "x"}).status_code == 400
    outsider = api_client(users["secretary"])  # may see it, is not a member present
    assert outsider.post(f"/api/v1/votes/{vote_id}/ballot/", {"choice": "for"}).status_code == 403
    closed = secretary.post(f"/api/v1/votes/{vote_id}/close/").json()
    assert closed["result"]["votes_against"] == 1 and closed["recount"] == closed["result"]
