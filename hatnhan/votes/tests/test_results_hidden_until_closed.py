"""Results shown only when the vote closes (issue 9): while a secret ballot is open, the
page, its status fragment and the API show how many have voted, never how; after the
close, the stored result and the recount."""

import pytest
from django.urls import reverse

from hatnhan.core.testing import api_client
from hatnhan.votes import services

pytestmark = pytest.mark.django_db


def cast_two(secret, users, voter):
    services.cast_ballot(actor=users["member"], vote=secret, choice="for")
    services.cast_ballot(actor=voter, vote=secret, choice="against")


def test_page_hides_then_shows(secret, users, voter, client):
    cast_two(secret, users, voter)
    client.force_login(users["secretary"])
    for name in ("votes:detail", "votes:status"):
        html = client.get(reverse(name, args=[secret.pk])).content.decode()
        assert "Đã bỏ phiếu: 2/5" in html
        assert "Tán thành" not in html and "Kết quả đã ghi" not in html
    services.close_vote(actor=users["secretary"], vote=secret)
    html = client.get(reverse("votes:detail", args=[secret.pk])).content.decode()
    assert "Kết quả đã ghi" in html and "Kiểm lại từ phiếu" in html
    assert "Kiểm lại khớp với kết quả đã ghi." in html
    assert "Không được thông qua" in html  # 1 of 5 is not more than half


def test_api_hides_then_shows(secret, users, voter):
    cast_two(secret, users, voter)
    client = api_client(users["secretary"])
    body = client.get(f"/api/v1/votes/{secret.pk}/").json()
    assert body["cast_count"] == 2 and body["result"] is None and body["recount"] is None
    assert body["adopted"] is None
    closed = client.post(f"/api/v1/votes/{secret.pk}/close/").json()
    expected = {"votes_for": 1, "votes_against": 1, "abstentions": 0}
    assert closed["result"] == expected and closed["recount"] == expected
    assert closed["state"] == "closed" and closed["adopted"] is False
