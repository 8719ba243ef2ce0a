"""The API's task rows name people from columns of their own query (issue 13): the names are
the ones the pages give (person_name, filed_by), and a row holds no related instance."""

import pytest
from rest_framework.test import APIClient

from hatnhan.core.people import person_name
from hatnhan.tasks import selectors, services

from .conftest import awaiting

pytestmark = [pytest.mark.django_db]


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def row(user, task):
    [found] = [r for r in api(user).get("/api/v1/tasks/").json()["results"] if r["id"] == task.pk]
    return found


def test_a_filing_by_an_account_without_a_member_names_its_login(task, users):
    services.report_progress(
        actor=users["secretary"], task=task, percent=100, note="Xong", submit=True
    )
    assert row(users["committee"], task)["submitted_by"] == "stc_secretary, thay mặt Trần Thị Bình"


def test_the_latest_filing_is_the_one_named(task, deputy, users):
    services.report_progress(actor=deputy, task=task, percent=100, note="Xong", submit=True)
    assert row(users["committee"], task)["submitted_by"] == "Cao Thị Hạnh, thay mặt Trần Thị Bình"
    services.return_task(actor=users["committee"], task=task, comment="Bổ sung ảnh")
    assert row(users["committee"], task)["submitted_by"] is None  # back in the owner's hands
    awaiting(task, users)
    assert row(users["committee"], task)["submitted_by"] == "Trần Thị Bình"


def test_assigner_and_acceptor_are_named_as_on_the_pages(task, users):
    awaiting(task, users)
    services.accept_task(actor=users["committee"], task=task, outcome="met")
    task.refresh_from_db()
    found = row(users["committee"], task)
    assert found["assigned_by_name"] == person_name(task.assigned_by)
    assert found["accepted_by_name"] == person_name(task.accepted_by)
    assert found["assigned_by"] == task.assigned_by.username
    assert found["assignee_name"] == task.owner.full_name
    assert found["submitted_by"] == selectors.filed_by(selectors.last_submission(task))


def test_a_row_holds_no_related_instance(task, users):
    awaiting(task, users)
    [read] = selectors.api_task_list(users["committee"]).filter(pk=task.pk)
    assert read._state.fields_cache == {}
