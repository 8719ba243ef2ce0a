"""The pages answer, show the figures and say how fresh they are; another organization's ids
answer 404."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from hatnhan.tasks.models import TaskStatus

from .conftest import AS_OF


@pytest.fixture
def data(tree, make_task, refreshed):
    make_task(
        tree["stc_cell"],
        dt.date(2026, 3, 31),
        submitted=dt.date(2026, 3, 30),
        accepted=dt.date(2026, 4, 1),
    )
    make_task(tree["stc_cell"], dt.date(2026, 3, 31), status=TaskStatus.IN_PROGRESS)
    make_task(
        tree["syt_cell"],
        dt.date(2026, 2, 10),
        submitted=dt.date(2026, 2, 9),
        accepted=dt.date(2026, 2, 9),
    )
    refreshed()


def test_bloc_dashboard_shows_each_grassroots_organization(client, users, data, tree):
    client.force_login(users["staff"])
    html = client.get(reverse("dashboards:bloc"), {"year": AS_OF.year}).content.decode()
    assert tree["stc"].name in html and tree["syt"].name in html
    assert 'id="freshness"' in html and 'id="outlier-rule"' in html
    # STC: 1 of 2 on time (numbers.vn_number: "50", one decimal only when there is one)
    assert re.search(r'data-key="tasks_on_time_rate"><a [^>]*>50</a>', html)


def test_organization_scorecard(client, users, data, tree):
    client.force_login(users["secretary"])
    url = reverse("dashboards:organization", args=[tree["stc"].pk])
    html = client.get(url, {"year": AS_OF.year}).content.decode()
    assert "1/2 đúng hạn" in html and 'id="figure-tasks_overdue"' in html


def test_other_organization_answers_404(client, users, data, tree):
    client.force_login(users["other"])
    assert client.get(reverse("dashboards:organization", args=[tree["stc"].pk])).status_code == 404
    assert client.get(reverse("dashboards:bloc"), {"root": tree["stc"].pk}).status_code == 404


def test_the_member_and_organization_pages_link_to_their_scorecards(client, users, tree):
    member = users["member"].member
    client.force_login(users["secretary"])
    page = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert f'href="{reverse("dashboards:member", args=[member.pk])}"' in page
    page = client.get(reverse("organizations:detail", args=[tree["stc"].pk])).content.decode()
    assert f'href="{reverse("dashboards:organization", args=[tree["stc"].pk])}"' in page
    client.force_login(users["member"])
    page = client.get(reverse("tasks:my-tasks")).content.decode()
    assert f'href="{reverse("dashboards:mine")}"' in page


def test_the_menu_shows_the_dashboards_to_those_who_read_a_subtree(client, users):
    entry = f'href="{reverse("dashboards:bloc")}"'
    client.force_login(users["staff"])
    assert entry in client.get(reverse("home")).content.decode()
    client.force_login(users["member"])
    assert entry not in client.get(reverse("home")).content.decode()


def test_the_pages_read_in_english(client, users, data, tree):
    client.cookies["django_language"] = "en"
    client.force_login(users["staff"])
    html = client.get(reverse("dashboards:bloc"), {"year": "2026"}).content.decode()
    assert "Dashboard" in html and "Completed on time" in html and "Year 2026" in html
    url = reverse("dashboards:organization", args=[tree["stc"].pk])
    html = client.get(url, {"year": "2026"}).content.decode()
    assert "1/2 on time" in html and "Same period (Year 2025)" in html


def test_a_period_before_the_kept_months_says_so(client, users, data):
    client.force_login(users["staff"])
    assert (
        'id="coverage"'
        not in client.get(reverse("dashboards:bloc"), {"year": "2026"}).content.decode()
    )
    html = client.get(reverse("dashboards:bloc"), {"year": "2024"}).content.decode()
    assert 'id="coverage"' in html and "từ tháng 01/2024" in html
