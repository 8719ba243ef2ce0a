"""The list, decision and member pages and the API list run the same number of SQL queries
for 3 decisions as for 15."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatnhan.discipline import services
from hatnhan.discipline.tests.conftest import DAY

pytestmark = [pytest.mark.django_db]


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add(decide, make_member, tree, users, n, start):
    for i in range(start, start + n):
        member = make_member(tree["stc_cell"], f"Người thứ {i}")
        decision = decide(member=member, form="warning" if i % 2 else "reprimand")
        if i % 3 == 0:
            services.correct_decision(
                actor=users["secretary"],
                decision=decision,
                kind="amendment",
                number=f"S-{i}",
                decided_on=DAY,
                deciding_body=tree["stc"],
                reason="Sửa",
                decision_reason="Lý do đã sửa",
            )
        services.record_state_discipline(
            actor=users["secretary"],
            member=member,
            state_body="Sở Tài chính",
            number=f"N-{i}",
            decided_on=DAY,
            form="reprimand",
        )
    return member


@pytest.mark.parametrize(
    "url",
    [
        "/discipline/",
        "/discipline/?form=warning&year=2026",
        "/discipline/state/",
        "/api/v1/discipline/",
    ],
)
def test_lists_do_not_grow(client, users, decide, make_member, tree, url):
    client.force_login(users["secretary"])
    _add(decide, make_member, tree, users, 3, 0)
    few = _queries(client, url)
    _add(decide, make_member, tree, users, 12, 3)
    assert _queries(client, url) == few


def test_member_page_does_not_grow(client, users, decide, tree, full_member):
    client.force_login(users["secretary"])
    decide(member=full_member)
    few = _queries(client, f"/members/{full_member.pk}/")
    for _ in range(8):
        decide(member=full_member)
    assert _queries(client, f"/members/{full_member.pk}/") == few


def test_decision_page_does_not_grow(client, users, decide, tree, full_member):
    client.force_login(users["secretary"])
    decision = decide(member=full_member)
    url = f"/discipline/{decision.pk}/"

    def amend(i):
        services.correct_decision(
            actor=users["secretary"],
            decision=decision,
            kind="amendment",
            number=f"A-{i}",
            decided_on=DAY,
            deciding_body=tree["stc"],
            reason="Sửa",
            decision_reason=f"Lý do {i}",
        )

    amend(0)
    few = _queries(client, url)
    for i in range(1, 8):
        amend(i)
    assert _queries(client, url) == few
