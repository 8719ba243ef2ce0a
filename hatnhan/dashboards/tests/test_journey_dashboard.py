"""Journey in a real browser: bloc staff open the dashboard, sort it by overdue tasks, open
the worst organization, drill into its overdue tasks (the list shows exactly those), and print
its scorecard, which fits one A4 page.

The record (hand-counted, due dates in the first half of 2026, before the refresh's AS_OF and
before any day these tests run): STC's cell has three open tasks past due and one done on
time; SYT's cell one done on time and one open past due."""

import datetime as dt
import re

import pytest

from hatnhan.accounts.testing import browser_sign_in
from hatnhan.dashboards.tests.conftest import AS_OF
from hatnhan.dashboards.tests.pdf import printed_pages
from hatnhan.tasks.models import TaskStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPEN = TaskStatus.IN_PROGRESS


@pytest.fixture
def record(tree, make_task, refreshed):
    stc, syt = tree["stc_cell"], tree["syt_cell"]
    overdue = [make_task(stc, dt.date(2026, m, 10), status=OPEN) for m in (2, 3, 5)]
    make_task(
        stc, dt.date(2026, 4, 30), submitted=dt.date(2026, 4, 29), accepted=dt.date(2026, 5, 2)
    )
    make_task(
        syt, dt.date(2026, 3, 31), submitted=dt.date(2026, 3, 1), accepted=dt.date(2026, 3, 2)
    )
    make_task(syt, dt.date(2026, 4, 10), status=OPEN)
    refreshed()
    return {"overdue": sorted(t.title for t in overdue)}


def test_sort_open_the_worst_drill_into_overdue_tasks_and_print(
    chromium, live_server, users, tree, record
):
    context = chromium.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15000)
    page = browser_sign_in(context.new_page(), users["staff"].get_username())
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

    # 1. The dashboard of the bloc, for the year.
    page.goto(f"/dashboards/?period=year&year={AS_OF.year}")
    rows = page.locator("#bloc-table tbody tr[data-organization]")
    assert rows.count() == 2

    # 2. Sorted by overdue tasks: the worst first.
    page.click("#bloc-table thead a[href*='sort=tasks_overdue&']")
    page.wait_for_selector("#bloc-table th[aria-sort] a[href*='sort=tasks_overdue&']")
    first = rows.first
    assert first.get_attribute("data-organization") == str(tree["stc"].pk)
    assert first.locator("td[data-key=tasks_overdue]").inner_text().startswith("3")

    # 3. The worst organization's scorecard.
    first.locator("th a").first.click()
    page.wait_for_url(re.compile(rf"/dashboards/organizations/{tree['stc'].pk}/"))
    assert tree["stc"].name in page.locator("h1").inner_text()
    assert page.locator("svg.chart-svg[role=img]").count() > 0

    # 4. Its overdue tasks: the list shows exactly the three counted.
    page.click("#figure-tasks_overdue td.value a")
    page.wait_for_url(re.compile(r"/tasks/"))
    listed = page.locator("#board-results table.board tbody td.title > a").all_inner_texts()
    assert sorted(listed) == record["overdue"]

    # 5. Its printable scorecard: one A4 page.
    page.go_back()
    page.wait_for_url(re.compile(rf"/dashboards/organizations/{tree['stc'].pk}/"))
    page.click("#print-scorecard")
    page.wait_for_url(re.compile(rf"/dashboards/organizations/{tree['stc'].pk}/print/"))
    assert tree["stc"].name in page.locator("h1").inner_text()
    assert page.locator(".print-charts svg[role=img]").count() > 0
    assert (
        page.locator("#print-figures tr[data-figure=tasks_overdue] td.num").first.inner_text()
        == "3"
    )
    assert printed_pages(page) == 1
    assert not problems
    context.close()
