"""Votes are restricted like their meeting: another organization's user gets 404 on every
vote page and the API; a member sees only the votes of meetings they are invited to; only
those who may change the meeting open or close a vote."""

import pytest
from django.urls import reverse

from hatnhan.core.testing import api_client
from hatnhan.meetings.models import Attendance
from hatnhan.votes import services

pytestmark = pytest.mark.django_db


def test_other_organization_404(secret, users, client):
    client.force_login(users["other"])
    for name in ("votes:detail", "votes:status"):
        assert client.get(reverse(name, args=[secret.pk])).status_code == 404
    for name in ("votes:cast", "votes:close"):
        assert client.post(reverse(name, args=[secret.pk]), {"choice": "for"}).status_code == 404
    assert client.get(reverse("votes:meeting", args=[secret.meeting_id])).status_code == 404
    api = api_client(users["other"])
    assert api.get(f"/api/v1/votes/{secret.pk}/").status_code == 404
    assert api.post(f"/api/v1/votes/{secret.pk}/ballot/", {"choice": "for"}).status_code == 404
    assert api.get("/api/v1/votes/").json()["count"] == 0


def test_member_sees_votes_of_meetings_invited_to(secret, users, client):
    client.force_login(users["member"])
    url = reverse("votes:detail", args=[secret.pk])
    assert client.get(url).status_code == 200
    Attendance.objects.filter(member=users["member"].member).delete()
    assert client.get(url).status_code == 404


def test_member_cannot_open_or_close(secret, meeting, users, client):
    client.force_login(users["member"])
    assert client.get(reverse("votes:create", args=[meeting.pk])).status_code == 403
    client.post(reverse("votes:close", args=[secret.pk]))
    secret.refresh_from_db()
    assert secret.is_open
    api = api_client(users["member"])
    assert api.post(f"/api/v1/votes/{secret.pk}/close/").status_code == 403


def test_member_votes_on_the_page(secret, users, client):
    client.force_login(users["member"])
    response = client.post(reverse("votes:cast", args=[secret.pk]), {"choice": "for"}, follow=True)
    assert "Đã nhận phiếu của đồng chí." in response.content.decode()
    response = client.post(reverse("votes:cast", args=[secret.pk]), {"choice": "for"}, follow=True)
    assert "Đồng chí đã bỏ phiếu cho nội dung này." in response.content.decode()
    services.close_vote(actor=users["secretary"], vote=secret)
