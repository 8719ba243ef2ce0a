"""The board, program, case list, case and subject pages (and the API lists) run the same
number of SQL queries for few records as for many."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hatnhan.inspections import services
from hatnhan.inspections.models import ItemKind, Step
from hatnhan.tasks.tests.conftest import png


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.fixture
def grow(tree, inspector, committee, make_case, advance, make_member, today):
    program = services.create_program(
        actor=inspector,
        organization=tree["bloc"],
        body="inspection_committee",
        year=today.year,
        title="Chương trình năm",
    )
    first = {}

    def add(n: int) -> None:
        for i in range(n):
            item = services.add_program_item(
                actor=inspector,
                program=program,
                kind=ItemKind.THEMATIC_INSPECTION,
                subject_organization=tree["stc"],
                content=f"Nội dung {i}",
                planned_start=today,
                planned_end=today,
            )
            case = make_case(program_item=item, title=f"Cuộc {i}")
            advance(case, Step.RECOMMENDATIONS)
            finding = case.findings.get()
            owner = make_member(tree["stc"], f"Người khắc phục {i}")
            services.add_recommendation(
                actor=committee,
                finding=finding,
                text=f"Khắc phục {i}",
                owner=owner,
                due_date=today + dt.timedelta(days=3),
            )
            first.setdefault("case", case)
        first["program"] = program

    return add, first


def _urls(first):
    case = first["case"]
    return [
        reverse("inspections:board"),
        reverse("inspections:programs"),
        reverse("inspections:program", args=[first["program"].pk]),
        reverse("inspections:cases"),
        reverse("inspections:case", args=[case.pk]),
        reverse("inspection-case-list"),
        reverse("inspection-finding-list"),
        reverse("inspection-item-list"),
    ]


def test_inspection_pages_do_not_grow_with_data(client, grow, committee):
    add, first = grow
    add(2)
    client.force_login(committee)
    few = [_queries(client, url) for url in _urls(first)]
    add(6)
    many = [_queries(client, url) for url in _urls(first)]
    assert few == many


def test_the_subject_pages_do_not_grow_with_data(client, grow, users):
    add, first = grow
    add(2)
    client.force_login(users["secretary"])
    urls = [
        reverse("inspections:subject-list"),
        reverse("inspections:subject", args=[first["case"].pk]),
    ]
    few = [_queries(client, url) for url in urls]
    add(6)
    many = [_queries(client, url) for url in urls]
    assert few == many


def test_the_case_page_does_not_grow_with_its_findings(
    client, make_case, advance, inspector, committee, make_member, tree, today
):
    """A case with one finding and a case with five read in as many queries."""

    def build(n: int):
        case = make_case(title=f"Cuộc có {n} phát hiện")
        advance(case, Step.FINDINGS)
        for i in range(n):
            services.add_finding(
                actor=inspector,
                case=case,
                title=f"Phát hiện {i}",
                severity="minor",
                files=[png()],
            )
        advance(case, Step.RECOMMENDATIONS)
        for finding in case.findings.all():
            services.add_recommendation(
                actor=committee,
                finding=finding,
                text="Khắc phục",
                owner=make_member(tree["stc"], f"Người {finding.pk}"),
                due_date=today + dt.timedelta(days=3),
            )
        return case

    small, large = build(1), build(5)
    client.force_login(committee)
    for name in ("inspections:case", "inspections:subject"):
        counts = [_queries(client, reverse(name, args=[c.pk])) for c in (small, large)]
        assert counts[0] == counts[1], name
