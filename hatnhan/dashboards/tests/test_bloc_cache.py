"""The bloc's page is served from its cached fragments (dashboards/fragments.py) until anything
it shows changes: a refresh of the stored months, the tree, the period, the sort, the
language; two readers with different reaches never share an entry; a hit reads fewer
queries."""

import datetime as dt
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hatnhan.dashboards import fragments, periods
from hatnhan.organizations.models import Organization

from .conftest import AS_OF

URL = reverse("dashboards:bloc")
PARAMS = {"year": "2026"}


@pytest.fixture
def data(tree, make_task, refreshed):
    due = dt.date(2026, 3, 31)
    make_task(tree["stc_cell"], due, submitted=dt.date(2026, 3, 30), accepted=due)
    make_task(tree["stc_cell"], due, status="in_progress")
    refreshed()


def get(client, params=None, **headers) -> tuple[str, int]:
    """The page's main part (the layout around it carries a per-request nonce and CSRF
    token), or the whole answer to htmx; and the query count."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params or PARAMS, headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    main = re.search(r"<main.*</main>", html, re.S)
    return (main.group(0) if main else html), len(ctx.captured_queries)


def overdue_cell(html: str, organization: Organization) -> str:
    row = re.search(rf'<tr data-organization="{organization.pk}">.*?</tr>', html, re.S).group(0)
    return re.search(r'data-key="tasks_overdue">(.*?)</td>', row).group(1)


def entries() -> int:
    return len(caches[fragments.ALIAS]._cache)  # the local-memory backend's store


def _stored() -> list[dict[str, str]]:
    import pickle

    return [pickle.loads(v) for v in caches[fragments.ALIAS]._cache.values()]


def test_a_hit_reads_fewer_queries_and_answers_the_same(client, users, data, tree):
    client.force_login(users["staff"])
    first, missed = get(client)
    again, hit = get(client)
    assert again == first
    assert hit < missed
    assert entries() == 1
    # htmx asks for the table alone: the same entry, the same table.
    partial, _ = get(client, {**PARAMS}, **{"HX-Request": "true"})
    assert partial.strip() in first and entries() == 1
    # Nothing of one request is kept for the next (a nonce, a CSRF token, the reader's name).
    for parts in _stored():
        for html in parts.values():
            assert "nonce" not in html and "csrf" not in html and "staff" not in html


def test_a_write_shows_after_the_refresh_that_counts_it(
    client, users, data, tree, make_task, refreshed
):
    client.force_login(users["staff"])
    html, _ = get(client)
    assert ">1</a>" in overdue_cell(html, tree["stc"])
    make_task(tree["stc_cell"], dt.date(2026, 4, 30), status="in_progress")
    # Not counted yet (the pre-aggregate is as of the last refresh): the same page either way.
    assert get(client)[0] == html
    refreshed()
    html, _ = get(client)
    assert ">2</a>" in overdue_cell(html, tree["stc"])
    assert entries() == 2  # the old entry is not read again, only left to expire


def test_a_change_to_the_tree_shows_at_once(client, users, data, tree):
    client.force_login(users["staff"])
    get(client)
    stc = tree["stc"]
    stc.name = "Đảng bộ Sở Tài chính (mới)"
    stc.save()
    assert "Đảng bộ Sở Tài chính (mới)" in get(client)[0]


def test_every_choice_of_the_page_is_its_own_entry(client, users, data, tree):
    client.force_login(users["staff"])
    get(client)
    get(client, {**PARAMS, "sort": "tasks_overdue", "dir": "desc"})
    get(client, {**PARAMS, "sort": "tasks_overdue", "dir": "asc"})
    get(client, {**PARAMS, "color": "tasks_overdue"})
    get(client, {"period": "quarter", "year": "2026", "quarter": "1"})
    client.cookies["django_language"] = "en"
    english, _ = get(client)
    assert "Completed on time" in english and entries() == 6
    del client.cookies["django_language"]
    # An unknown sort or colour is the page without them: the same entry.
    get(client, {**PARAMS, "sort": "nope", "color": "nope"})
    assert entries() == 6


def test_readers_with_different_roots_never_share_an_entry(client, users, data, tree):
    client.force_login(users["staff"])
    bloc_page, _ = get(client)
    assert f'data-organization="{tree["stc"].pk}"' in bloc_page
    client.force_login(users["secretary"])  # STC's: their dashboard is STC's
    stc_page, _ = get(client)
    assert f'data-organization="{tree["stc"].pk}"' not in stc_page
    assert f'data-organization="{tree["stc_cell"].pk}"' in stc_page
    assert entries() == 2
    # Another organization's root is still refused before any cache is read.
    response = client.get(URL, {**PARAMS, "root": tree["bloc"].pk})
    assert response.status_code == 404
    # The same root for two reaches: two keys, even where the pages would be alike.
    period, _ = periods.parse(PARAMS, AS_OF)
    common = {"root": tree["stc"], "period": period, "sort": "", "descending": False, "color": "x"}
    staff = fragments.bloc_key(reach=[tree["bloc"].path], fresh=None, **common)
    secretary = fragments.bloc_key(reach=[tree["stc"].path], fresh=None, **common)
    assert staff != secretary
