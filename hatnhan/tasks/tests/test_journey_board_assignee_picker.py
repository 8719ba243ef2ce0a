"""Journey in a real browser: on a board whose people are too many to list, the secretary
types a name without diacritics in "person responsible"; the one member found is chosen and
the board shows only that member's tasks, with no page load and no script error."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hatnhan.tasks import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_name_typed_in_the_board_filter_narrows_the_board(
    page, login, settings, tree, users, make_member
):
    settings.PICKER_MAX_OPTIONS = 2
    due = timezone.localdate() + dt.timedelta(days=10)
    cuong = make_member(tree["stc_cell"], "Lê Văn Cường")
    make_member(tree["stc_cell"], "Lê Thị Cúc")
    for title, owner in (("Việc của Bình", users["member"].member), ("Việc của Cường", cuong)):
        services.create_task(
            actor=users["secretary"],
            organization=tree["stc"],
            title=title,
            expected_result="Xong",
            owner=owner,
            due_date=due,
        )
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    login("stc_secretary")
    page.goto("/tasks/board/")
    results = page.locator("#board-results")
    assert "Việc của Bình" in results.inner_text()
    loads: list[str] = []
    page.on("request", lambda r: loads.append(r.url) if r.resource_type == "document" else None)

    page.locator("input.picker-search[data-picker-target=id_assignee]").fill("le van cuong")
    expect(results).not_to_contain_text("Việc của Bình")
    expect(results).to_contain_text("Việc của Cường")
    assert page.locator("#id_assignee").input_value() == str(cuong.pk)
    assert not loads  # htmx swapped the results: no page load
    assert f"assignee={cuong.pk}" in page.url  # the filtered board has its own address
    assert not problems, problems
