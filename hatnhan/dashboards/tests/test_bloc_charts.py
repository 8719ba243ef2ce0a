"""The bloc dashboard's charts: the organizations compared on the sorted figure, in the table's
order, and the tree map coloured by the chosen figure; each with the table's numbers.
Hand-counted: STC's cell 1 of 2 tasks on time (50 %), SYT's 1 of 1 (100 %)."""

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from hatnhan.tasks.models import TaskStatus

from .chartxml import SVG
from .conftest import AS_OF


@pytest.fixture
def data(tree, make_task, refreshed):
    make_task(tree["stc_cell"], dt.date(2026, 3, 31), submitted=dt.date(2026, 3, 30))
    make_task(tree["stc_cell"], dt.date(2026, 3, 31), status=TaskStatus.IN_PROGRESS)
    make_task(tree["syt_cell"], dt.date(2026, 2, 10), submitted=dt.date(2026, 2, 9))
    refreshed()


def _svgs(html: str) -> dict[str, ET.Element]:
    found = {}
    start = 0
    while (i := html.find("<svg", start)) >= 0:
        end = html.index("</svg>", i) + len("</svg>")
        root = ET.fromstring(html[i:end])
        found[root.get("id")] = root
        start = end
    return found


def _values(root: ET.Element, css: str) -> list[str]:
    return [
        e.get("data-value")
        for e in root.iter(f"{SVG}rect")
        if css in (e.get("class") or "").split()
    ]


def test_comparison_follows_the_sorted_column(client, users, data, tree):
    client.force_login(users["staff"])
    params = {"year": AS_OF.year, "sort": "tasks_on_time_rate", "dir": "asc"}
    html = client.get(reverse("dashboards:bloc"), params).content.decode()
    compare = _svgs(html)["bloc-compare-svg"]
    assert compare.get("role") == "img"
    assert [Decimal(v) for v in _values(compare, "bar")] == [Decimal(50), Decimal(100)]
    assert 'id="bloc-compare-table"' in html


def test_the_htmx_sort_redraws_the_comparison(client, users, data, tree):
    client.force_login(users["staff"])
    params = {"year": AS_OF.year, "sort": "tasks_on_time_rate", "dir": "desc"}
    html = client.get(reverse("dashboards:bloc"), params, HTTP_HX_REQUEST="true").content.decode()
    assert [Decimal(v) for v in _values(_svgs(html)["bloc-compare-svg"], "bar")] == [
        Decimal(100),
        Decimal(50),
    ]


def test_tree_map_colours_the_subtree_by_the_chosen_figure(client, users, data, tree):
    client.force_login(users["staff"])
    params = {"year": AS_OF.year, "color": "tasks_on_time_rate"}
    html = client.get(reverse("dashboards:bloc"), params).content.decode()
    tiles = [e for e in _svgs(html)["bloc-map-svg"].iter(f"{SVG}rect") if e.get("class") == "tile"]
    by_value = [(t.get("data-value"), t.get("data-step")) for t in tiles]
    # the bloc 2 of 3 (66,7 %), STC 50 % (worst: step 0), its cell 50 %, SYT and its cell 100 %
    values = [Decimal(v) if v else None for v, _ in by_value]
    assert values[1:] == [Decimal(50), Decimal(50), Decimal(100), Decimal(100)]
    assert [s for _, s in by_value][1:] == ["0", "0", "4", "4"]
    assert 'id="bloc-map-table"' in html
