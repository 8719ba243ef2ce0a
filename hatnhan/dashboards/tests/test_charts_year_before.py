"""The same months a year before on the head's and the member's charts, as on the
organization's: each figure carries them (`Figure.previous_trend`, read with the period's months
in the same query) and the chart's table beside it shows them, against hand-counted records."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from hatnhan.dashboards import figures, periods

from .conftest import AS_OF

NB = "\u00a0"
BEFORE = "Cùng kỳ năm trước"


@pytest.fixture
def on_as_of(monkeypatch):
    """The pages' "today" is AS_OF (the member's own figures are counted as on today): the
    test reads the same whatever the day it runs."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return AS_OF if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


def chart_table(html: str, key: str) -> dict[str, dict[str, str]]:
    """The chart's table (laid across the months) as {row name: {month: cell}}."""
    found = re.search(rf'<table class="chart-data" id="chart-{key}-table">.*?</table>', html, re.S)
    assert found, f"no chart for {key}"
    table = ET.fromstring(found.group(0))
    header = ["".join(th.itertext()) for th in table.find("thead").find("tr")]
    rows = {}
    for tr in table.find("tbody"):
        cells = ["".join(c.itertext()) for c in tr]
        rows[cells[0]] = dict(zip(header[1:], cells[1:], strict=True))
    return rows


def _own_tasks(make_task, member, cell) -> None:
    """The member's own tasks: in 2026, due 31/03 on time and due 30/04 on time (a chart needs
    a month with something); a year before, due 30/04/2025 on time (reported 29/04) and
    due 31/05/2025 late (reported 03/06). Someone else's task in April 2025 is not theirs."""
    for due in (dt.date(2026, 3, 31), dt.date(2026, 4, 30), dt.date(2025, 4, 30)):
        make_task(cell, due, owner=member, submitted=due - dt.timedelta(days=1), accepted=due)
    make_task(
        cell,
        dt.date(2025, 5, 31),
        owner=member,
        submitted=dt.date(2025, 6, 3),
        accepted=dt.date(2025, 6, 4),
    )
    make_task(cell, dt.date(2025, 4, 30), status="in_progress")


def test_the_members_figures_carry_the_months_a_year_before(tree, make_task, users):
    member = users["member"].member
    _own_tasks(make_task, member, tree["stc_cell"])
    period, _ = periods.parse({"year": "2026"}, AS_OF)
    card = figures.member_scorecard(member, period, AS_OF)
    on_time = {f.key: f for s in card.sections for f in s.figures}["tasks_on_time_rate"]
    before = {m.month: m.value for m in on_time.previous_trend}
    assert list(before) == [dt.date(2025, m, 1) for m in range(1, 13)]
    assert before[dt.date(2025, 4, 1)] == Decimal("100.0")
    assert before[dt.date(2025, 5, 1)] == Decimal("0.0")
    assert before[dt.date(2025, 3, 1)] is None  # nothing due then: "—", not 0
    assert on_time.previous == Decimal("50.0")  # 1 of 2, as the months say


def test_the_members_chart_shows_the_year_before(client, users, tree, make_task, on_as_of):
    member = users["member"].member
    _own_tasks(make_task, member, tree["stc_cell"])
    client.force_login(users["member"])
    url = reverse("dashboards:member", args=[member.pk])
    html = client.get(url, {"year": "2026"}).content.decode()
    rows = chart_table(html, "own-tasks_on_time_rate")
    assert rows["Kỳ này"]["T3"] == f"100{NB}%"
    assert rows[BEFORE]["T4"] == f"100{NB}%"
    assert rows[BEFORE]["T5"] == f"0{NB}%"
    assert rows[BEFORE]["T3"] == "—"


def test_the_heads_chart_shows_the_year_before(
    client, users, tree, stc_record, make_task, on_as_of
):
    """conftest.stc_record: a year before, the cell's task due 15/03/2025 on time and the one
    due 01/04/2025 late; the head's scorecard reads STC's subtree. The head's own tasks (one
    of another organization's, so STC's counts stay as they are): due 31/03/2026 on time, due
    31/05/2025 late."""
    head = stc_record["head"]
    cell = tree["syt_cell"]
    make_task(cell, dt.date(2026, 3, 31), owner=head, submitted=dt.date(2026, 3, 30))
    make_task(cell, dt.date(2025, 5, 31), owner=head, submitted=dt.date(2025, 6, 2))
    client.force_login(users["staff"])
    html = client.get(reverse("dashboards:head", args=[head.pk]), {"year": "2026"}).content
    html = html.decode()
    rows = chart_table(html, "tasks_on_time_rate")
    assert rows[BEFORE]["T3"] == f"100{NB}%"
    assert rows[BEFORE]["T4"] == f"0{NB}%"
    assert rows[BEFORE]["T5"] == "—"
    own = chart_table(html, "own-tasks_on_time_rate")
    assert own["Kỳ này"]["T3"] == f"100{NB}%"
    assert own[BEFORE]["T5"] == f"0{NB}%" and own[BEFORE]["T3"] == "—"
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # the same keys in two sections, each id once
    # The organization's page shows the same months, now from the same figures.
    url = reverse("dashboards:organization", args=[tree["stc"].pk])
    html = client.get(url, {"year": "2026"}).content.decode()
    assert chart_table(html, "tasks_on_time_rate")[BEFORE]["T3"] == f"100{NB}%"


def test_the_printed_scorecard_shows_the_year_before(client, users, tree, stc_record):
    client.force_login(users["staff"])
    url = reverse("dashboards:organization-print", args=[tree["stc"].pk])
    html = client.get(url, {"year": "2026"}).content.decode()
    rows = chart_table(html, "tasks_on_time_rate")
    assert rows[BEFORE]["T3"] == f"100{NB}%" and rows[BEFORE]["T4"] == f"0{NB}%"
