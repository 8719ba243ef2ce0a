"""The meeting pages run as many SQL queries for a big cell and many meetings as for a small
one (issue 9: query counts on the new pages)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hatnhan.meetings import services

from .conftest import at, hold

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(users, cell, make_member, members, n, first):
    people = members + [make_member(cell, f"Đảng viên thêm {i}") for i in range(n)]
    meetings = []
    for month in range(first, first + 2 + n // 3):
        meeting = services.schedule_meeting(
            actor=users["secretary"],
            organization=cell,
            planned_start=at(dt.date(timezone.localdate().year - 1, month, 6)),
            place="A",
        )
        meetings.append(hold(users["secretary"], meeting, people))
        for member in people[:3]:
            services.add_speech(
                actor=users["secretary"], meeting=meeting, member=member, content="Ý kiến"
            )
    return meetings[-1]


@pytest.mark.parametrize(
    "page",
    ["list", "organization", "detail", "screen", "home", "check-in"],
)
def test_pages_do_not_grow_with_data(client, users, cell, make_member, members, page):
    client.force_login(users["secretary"])

    def url(meeting):
        return {
            "list": "/meetings/",
            "organization": f"/meetings/organizations/{cell.pk}/?year={meeting.year}",
            "detail": f"/meetings/{meeting.pk}/",
            "screen": f"/meetings/{meeting.pk}/screen/",
            "home": "/",
            "check-in": f"/meetings/{meeting.pk}/check-in/?code=x",
        }[page]

    small = _grow(users, cell, make_member, members, 2, 1)
    few = _count(client, url(small))
    big = _grow(users, cell, make_member, members, 12, 4)
    many = _count(client, url(big))
    assert many <= few, (page, few, many)
