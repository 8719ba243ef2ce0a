"""The bloc's dashboard: one row per organization directly under the root (each over its own
subtree), sorted by any figure (worst first on the first click, nothing-to-count last), with
and without htmx, outliers marked on the figure's worse side."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from hatnhan.dashboards.bloc import bloc_table
from hatnhan.dashboards.periods import parse
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization

from .conftest import AS_OF

# organization -> (on time, late) tasks due in March 2026
RECORD = {"A": (9, 1), "B": (8, 2), "C": (9, 1), "D": (8, 2), "E": (1, 9)}


@pytest.fixture
def bloc(tree, make_task, refreshed):
    made = {}
    for code, (on_time, late) in RECORD.items():
        org = create_organization(
            actor=None,
            code=f"DB-{code}",
            name=f"Đảng bộ {code}",
            kind=OrganizationKind.GRASSROOTS_COMMITTEE,
            parent=tree["bloc"],
        )
        made[code] = org
        due = dt.date(2026, 3, 31)
        for _ in range(on_time):
            make_task(org, due, submitted=due, accepted=due)
        for _ in range(late):
            make_task(
                org, due, submitted=due + dt.timedelta(days=2), accepted=due + dt.timedelta(days=3)
            )
    refreshed()
    return made


def _table(tree, **kwargs):
    period, _ = parse({"year": "2026"}, AS_OF)
    return bloc_table(tree["bloc"], period, **kwargs)


def test_rows_are_the_organizations_under_the_root(bloc, tree):
    table = _table(tree)
    names = [r.organization.name for r in table.rows]
    assert names == [tree["stc"].name, tree["syt"].name] + [f"Đảng bộ {c}" for c in "ABCDE"]
    assert table.total.cells[0].value == Decimal("70.0")  # 35 of 50 on time over the bloc


def test_sorting_by_a_figure_puts_nothing_to_count_last(bloc, tree):
    rows = _table(tree, sort="tasks_on_time_rate").rows
    assert [r.organization.code for r in rows] == [
        "DB-E",
        "DB-B",
        "DB-D",
        "DB-A",
        "DB-C",
        "STC",
        "SYT",
    ]
    rows = _table(tree, sort="tasks_on_time_rate", descending=True).rows
    # Equal values keep the tree's order.
    assert [r.organization.code for r in rows] == [
        "DB-A",
        "DB-C",
        "DB-B",
        "DB-D",
        "DB-E",
        "STC",
        "SYT",
    ]


def test_the_outlier_is_marked_on_its_worse_side(bloc, tree):
    rows = {r.organization.code: r for r in _table(tree).rows}
    # 90, 80, 90, 80, 10: Q1 = 80, Q3 = 90, fences 65 and 105.
    assert rows["DB-E"].cells[0].verdict == "bad"
    assert all(rows[c].cells[0].verdict == "" for c in ("DB-A", "DB-B", "DB-C", "DB-D"))


def test_the_page_sorts_without_javascript_and_with_htmx(client, users, bloc, tree):
    client.force_login(users["staff"])
    url = reverse("dashboards:bloc")
    params = {"year": "2026", "sort": "tasks_on_time_rate", "dir": "asc"}
    html = client.get(url, params).content.decode()
    assert html.index("Đảng bộ E") < html.index("Đảng bộ B") < html.index("Đảng bộ A")
    assert "cần xem" in html
    partial = client.get(url, params, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="bloc-table"') and "<html" not in partial


def test_the_tree_map_colours_by_the_chosen_figure(client, users, bloc, tree):
    client.force_login(users["staff"])
    html = client.get(reverse("dashboards:bloc"), {"year": "2026", "color": "tasks_on_time_rate"})
    text = html.content.decode()
    # The map is the SVG tree map (charts.tree_map): E, the lowest, on the worst step.
    assert 'data-step="0"' in text
    assert "<title>Đảng bộ E: 10\u00a0%</title>" in text


def test_unknown_sort_and_colour_keys_are_ignored(bloc, tree):
    table = _table(tree, sort="nope", color="nope")
    assert table.sort == "" and table.color.key == "tasks_on_time_rate"


def test_the_tree_map_nests_each_organization_under_its_parent(client, users, bloc, tree):
    """The map is the SVG tree map (charts.tree_map): organizations in pre-order, each
    indented by its depth under the root (18 units a level) right after its parent's subtree."""
    import xml.etree.ElementTree as ET

    svg_ns = "{http://www.w3.org/2000/svg}"
    client.force_login(users["staff"])
    html = client.get(reverse("dashboards:bloc"), {"year": "2026"}).content.decode()
    start = html.index(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" id="bloc-map-svg"'
    )
    root = ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])
    order, depth = [], {}
    for a in root.iter(f"{svg_ns}a"):
        pk = a.get("href").split("/")[3]
        tile = a.find(f"{svg_ns}rect")
        order.append(pk)
        depth[pk] = (int(tile.get("x")) - 8) // 18
    assert depth[str(tree["bloc"].pk)] == 0
    assert depth[str(tree["stc"].pk)] == depth[str(bloc["E"].pk)] == 1
    assert depth[str(tree["stc_cell"].pk)] == 2
    assert order.index(str(tree["stc_cell"].pk)) == order.index(str(tree["stc"].pk)) + 1
