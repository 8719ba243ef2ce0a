"""The briefing pages run the same number of SQL queries for few briefings as for many."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatnhan.briefings import services
from hatnhan.briefings.tests.conftest import CONTENT, at

pytestmark = [pytest.mark.django_db]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _add(duty, users, head_user, months):
    for month in months:
        briefing = services.file_briefing(
            actor=head_user if month % 2 else users["secretary"],
            duty=duty,
            period_start=dt.date(2026, month, 1),
            now=at(dt.date(2026, month, 20)),
            **CONTENT,
        )
        services.acknowledge_briefing(
            actor=users["committee"], briefing=briefing, conclusions=["A", "B"]
        )


@pytest.mark.parametrize("url", ["/briefings/", "/briefings/duties/{duty}/?year=2026", "/"])
def test_pages_do_not_grow(client, users, head_user, duty, url):
    services.update_duty(actor=users["secretary"], duty=duty, frequency="monthly")
    duty.refresh_from_db()
    client.force_login(users["secretary"])
    url = url.format(duty=duty.pk)
    _add(duty, users, head_user, [1, 2])
    few = _count(client, url)
    _add(duty, users, head_user, range(3, 11))
    assert _count(client, url) == few


def test_briefing_page_does_not_grow_with_conclusions(client, users, head_user, duty, today):
    client.force_login(users["secretary"])
    briefing = services.file_briefing(
        actor=head_user, duty=duty, period_start=dt.date(2026, 1, 1), **CONTENT
    )
    services.acknowledge_briefing(
        actor=users["committee"], briefing=briefing, conclusions=["A", "B", "C", "D"]
    )
    url = f"/briefings/{briefing.pk}/"
    conclusions = list(briefing.conclusions.all())
    services.conclusion_to_task(
        actor=users["secretary"],
        conclusion=conclusions[0],
        owner=users["member"].member,
        due_date=today + dt.timedelta(days=9),
        expected_result="X",
    )
    few = _count(client, url)
    for c in conclusions[1:]:
        services.conclusion_to_task(
            actor=users["secretary"],
            conclusion=c,
            owner=users["member"].member,
            due_date=today + dt.timedelta(days=9),
            expected_result="X",
        )
    assert _count(client, url) == few
