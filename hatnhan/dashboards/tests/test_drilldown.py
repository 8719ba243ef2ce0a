"""Every number links to its list page, filtered by that list's own FilterSet, and the list
holds exactly the records the number counted (the hand-counted record of conftest)."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import resolve
from django.urls import reverse as reverse_url

from hatnhan.core.restrict import restrict
from hatnhan.dashboards import figures, periods
from hatnhan.feedback.filters import ReportFilter
from hatnhan.feedback.models import FeedbackReport
from hatnhan.inspections.filters import CaseFilter
from hatnhan.inspections.models import Case
from hatnhan.meetings.filters import MeetingFilter
from hatnhan.meetings.models import Meeting
from hatnhan.tasks.filters import TaskFilter
from hatnhan.tasks.models import SourceKind, Task, TaskStatus

from .conftest import AS_OF

LISTS = {
    "tasks:board": (TaskFilter, Task),
    "meetings:list": (MeetingFilter, Meeting),
    "feedback:board": (ReportFilter, FeedbackReport),
    "inspections:cases": (CaseFilter, Case),
}


def listed(url: str, user) -> set[int]:
    parts = urlsplit(url)
    filterset_class, model = LISTS[resolve(parts.path).view_name]
    request = RequestFactory().get(url)
    request.user = user
    filterset = filterset_class(
        QueryDict(parts.query), restrict(model.objects.all(), user), request=request
    )
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("pk", flat=True))


@pytest.fixture
def card(stc_record, tree):
    period, _ = periods.parse({"year": "2026"}, AS_OF)
    card = figures.organization_scorecard(tree["stc"], period)
    return {f.key: f for s in card.sections for f in s.figures}


def test_task_figures_list_exactly_their_tasks(card, users, tree):
    admin = users["admin"]
    in_2026 = Task.objects.filter(due_date__gte=dt.date(2026, 1, 1), due_date__lte=AS_OF).exclude(
        status=TaskStatus.CANCELLED
    )
    due = set(in_2026.values_list("pk", flat=True))
    overdue = set(
        in_2026.filter(status__in=["assigned", "in_progress"]).values_list("pk", flat=True)
    )
    assert len(due) == 5 and len(overdue) == 2
    assert listed(card["tasks_on_time_rate"].drill_url, admin) == due
    assert listed(card["tasks_overdue"].drill_url, admin) == overdue
    assert listed(card["tasks_overdue_age"].drill_url, admin) == overdue
    accepted = set(in_2026.filter(status="done").values_list("pk", flat=True))
    assert len(accepted) == 3
    assert listed(card["acceptance_delay"].drill_url, admin) == accepted
    remediation = set(
        in_2026.filter(source_kind=SourceKind.INSPECTION_FINDING).values_list("pk", flat=True)
    )
    assert len(remediation) == 1
    assert listed(card["remediation_overdue"].drill_url, admin) == remediation


def test_meeting_figures_list_exactly_their_meetings(settings, card, users):
    march, april, may = (Meeting.objects.get(month=m).pk for m in (3, 4, 5))
    admin = users["admin"]
    assert listed(card["meetings_held"].drill_url, admin) == {march, april, may}
    assert listed(card["meetings_good_rate"].drill_url, admin) == {march}
    assert listed(card["meetings_poor"].drill_url, admin) == {april, may}


def test_feedback_figures_list_exactly_their_reports(card, users):
    code = dict(FeedbackReport.objects.values_list("receipt_code", "pk"))
    admin = users["admin"]
    assert listed(card["feedback_received"].drill_url, admin) == set(code.values())
    assert listed(card["feedback_in_time_rate"].drill_url, admin) == {
        code["PA-A"],
        code["PA-B"],
        code["PA-D"],
    }
    assert listed(card["feedback_substantiated"].drill_url, admin) == {code["PA-A"]}


def test_open_findings_lead_to_their_open_case(card, users):
    open_case = Case.objects.get(step="findings")
    assert listed(card["findings_open"].drill_url, users["admin"]) == {open_case.pk}


def test_the_organization_page_links_to_its_heads_scorecard(client, stc_record, users, tree):
    client.force_login(users["secretary"])
    html = client.get(f"/dashboards/organizations/{tree['stc'].pk}/").content.decode()
    assert f'href="/dashboards/heads/{stc_record["head"].pk}/?' in html


def test_the_list_pages_answer_with_the_counted_rows(client, card, users):
    client.force_login(users["admin"])
    response = client.get(card["tasks_overdue"].drill_url)
    assert response.status_code == 200
    assert "2 nhiệm vụ" in response.content.decode()
    for key in ("meetings_poor", "feedback_substantiated", "findings_open"):
        assert client.get(card[key].drill_url).status_code == 200, key


def test_the_bloc_dashboards_short_links_lead_to_the_same_lists(client, card, users, tree):
    client.force_login(users["staff"])
    html = client.get(reverse_url("dashboards:bloc"), {"year": "2026"}).content.decode()
    link = (
        f"/dashboards/organizations/{tree['stc'].pk}/drill/tasks_overdue/?period=year&amp;year=2026"
    )
    assert f'href="{link}"' in html
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 302 and response["Location"] == card["tasks_overdue"].drill_url
    assert client.get(f"/dashboards/organizations/{tree['stc'].pk}/drill/nope/").status_code == 404
    client.force_login(users["other"])
    assert client.get(link.replace("&amp;", "&")).status_code == 404
