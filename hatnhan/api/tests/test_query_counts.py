"""List endpoints run a fixed number of queries, however many rows they return."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatnhan.core.testing import api_client
from hatnhan.members.services import create_seat
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization, create_term

URLS = [
    "/api/v1/organizations/",
    "/api/v1/terms/",
    "/api/v1/members/",
    "/api/v1/seats/",
    "/api/v1/audit-events/",
]


def grow(tree, make_member, n: int, start: int) -> None:
    """n more organizations, each with a member holding a seat on a term."""
    for i in range(start, start + n):
        org = create_organization(
            actor=None,
            code=f"STC-{i}",
            name=f"Chi bộ {i}",
            kind=OrganizationKind.CELL,
            parent=tree["stc"],
        )
        member = make_member(org, f"Lê Văn Người{i}")
        term = create_term(
            actor=None, organization=org, name="2025-2030", start_date=dt.date(2025, 1, 1)
        )
        create_seat(actor=None, organization=org, member=member, role="secretary", term=term)


def count_queries(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()["count"]


@pytest.mark.parametrize("url", URLS)
def test_list_queries_do_not_grow_with_rows(
    users, tree, make_member, url, django_assert_max_num_queries
):
    client = api_client(users["secretary"])
    grow(tree, make_member, 2, 0)
    few, few_rows = count_queries(client, url)
    grow(tree, make_member, 12, 2)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.json()["count"] > few_rows
    assert len(response.json()["results"]) > 12
