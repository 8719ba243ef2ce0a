"""The Word downloads of a meeting (page and API): restricted like the meeting — the cell's
committee and its invited members get the file, another organization 404 — and their SQL
count does not grow with the meeting's size."""

import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hatnhan.core.docx import DOCX_CONTENT_TYPE

from .word_meeting import held_meeting

pytestmark = pytest.mark.django_db

NAMES = ["meeting-minutes-docx", "meeting-resolution-docx"]
API = ["api-meeting-minutes-docx", "api-meeting-resolution-docx"]


@pytest.mark.parametrize("name", NAMES + API)
def test_secretary_downloads_a_word_file(tree, make_member, users, client, name):
    meeting = held_meeting(tree, make_member)
    client.force_login(users["secretary"])
    response = client.get(reverse(name, args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert ".docx" in response["Content-Disposition"]
    assert docx.Document(io.BytesIO(response.content)).paragraphs


@pytest.mark.parametrize("name", NAMES + API)
def test_other_organization_gets_404(tree, make_member, users, client, name):
    meeting = held_meeting(tree, make_member)
    client.force_login(users["other"])
    assert client.get(reverse(name, args=[meeting.pk])).status_code == 404


def test_invited_member_reads_the_minutes_an_uninvited_one_not(tree, make_member, users, client):
    """A member sees the meetings they are invited to (restriction_owner = attendances)."""
    from hatnhan.meetings.models import Attendance

    meeting = held_meeting(tree, make_member)
    client.force_login(users["member"])
    url = reverse("meeting-minutes-docx", args=[meeting.pk])
    assert client.get(url).status_code == 404
    Attendance.objects.create(meeting=meeting, member=users["member"].member, status="present")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", NAMES)
def test_query_count_does_not_grow(tree, make_member, users, client, name):
    small = held_meeting(tree, make_member, present=3, speeches=1, month=10)
    big = held_meeting(tree, make_member, present=12, speeches=9, month=11)
    client.force_login(users["secretary"])
    counts = []
    for meeting in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[meeting.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
