"""An organizations round over a subtree: each organization counts the members of its whole
subtree by level, once each, and the round's queries do not grow with the organizations
(the year-end round of a province rates tens of thousands of them)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatnhan.evaluations.models import Level
from hatnhan.organizations.services import create_organization

pytestmark = [pytest.mark.django_db]

LEVELS = [f"members_{lv}" for lv in (*Level.values, "none")]


def counted(row) -> int:
    return sum(row.metrics[name] for name in LEVELS)


def test_each_organization_counts_its_whole_subtree(tree, make_member, make_round, compute):
    for name in ("Lê Văn Cường", "Phạm Thị Dung"):
        make_member(tree["stc_cell"], name)
    make_member(tree["syt_cell"], "Hồ Văn Em")
    round = compute(make_round(organization=tree["bloc"], subjects="both"))
    members = {
        row.member_id: row.member.organization.path
        for row in round.evaluations.filter(member__isnull=False, excluded=False).select_related(
            "member__organization"
        )
    }
    rows = round.evaluations.filter(organization__isnull=False).select_related("organization")
    assert rows.count() == 5
    for row in rows:
        inside = [m for m, path in members.items() if path.startswith(row.organization.path)]
        assert counted(row) == len(inside), row.organization.code
    assert counted(rows.get(organization=tree["bloc"])) == len(members)


def test_more_organizations_no_more_queries(tree, make_round, compute):
    def cells(n: int, parent) -> None:
        for i in range(n):
            create_organization(
                actor=None,
                code=f"{parent.code}-{i}",
                name=f"Chi bộ {i}",
                kind="cell",
                parent=parent,
            )

    cells(2, tree["stc"])
    with CaptureQueriesContext(connection) as few:
        compute(make_round(organization=tree["bloc"], subjects="organizations"))
    cells(6, tree["syt"])
    with CaptureQueriesContext(connection) as many:
        round = compute(make_round(organization=tree["bloc"], subjects="organizations"))
    assert round.evaluations.count() == 5 + 2 + 6
    assert len(many.captured_queries) == len(few.captured_queries)
