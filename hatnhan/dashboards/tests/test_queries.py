"""Every page reads a fixed number of queries, however many organizations, months and records
there are: the counts are read from the pre-aggregate, the member's from a few grouped
queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hatnhan.members.models import CommitteeSeat
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization

from . import records

# Sign-in, session and menu included; the same whatever the size.
MAX_QUERIES = 20


def grow(tree, make_task, make_member, n: int) -> None:
    for i in range(n):
        org = create_organization(
            actor=None,
            code=f"G{n}-{i}",
            name=f"Đảng bộ {n}-{i}",
            kind=OrganizationKind.GRASSROOTS_COMMITTEE,
            parent=tree["bloc"],
        )
        cell = create_organization(
            actor=None, code=f"G{n}-{i}-C", name=f"Chi bộ {n}-{i}", kind="cell", parent=org
        )
        for month in (2, 3, 4):
            due = dt.date(2026, month, 10)
            make_task(cell, due, submitted=due, accepted=due)
            make_task(org, due, status="in_progress")
        records.meeting(cell, 3, good=False)
        owner = make_member(cell, f"Bí Thư {n}-{i}")
        CommitteeSeat.objects.create(member=owner, organization=cell, role="secretary")


def count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "page",
    ["bloc", "organization", "member", "head"],
)
def test_pages_read_a_fixed_number_of_queries(
    page, client, users, tree, make_task, make_member, refreshed
):
    head = make_member(tree["stc"], "Nguyễn Thủ Trưởng")
    CommitteeSeat.objects.create(member=head, organization=tree["stc"], role="secretary")
    urls = {
        "bloc": reverse("dashboards:bloc"),
        "organization": reverse("dashboards:organization", args=[tree["bloc"].pk]),
        "member": reverse("dashboards:member", args=[head.pk]),
        "head": reverse("dashboards:head", args=[head.pk]),
    }
    client.force_login(users["admin"])
    grow(tree, make_task, make_member, 1)
    refreshed()
    small = count(client, urls[page], {"year": "2026"})
    grow(tree, make_task, make_member, 6)
    for i in range(5):
        make_task(tree["stc"], dt.date(2026, 1 + i, 5), owner=head, status="in_progress")
        # ... and a year before: the charts' dashed line comes from the same queries.
        make_task(tree["stc"], dt.date(2025, 1 + i, 5), owner=head, status="in_progress")
    refreshed()
    large = count(client, urls[page], {"year": "2026"})
    assert small == large <= MAX_QUERIES
