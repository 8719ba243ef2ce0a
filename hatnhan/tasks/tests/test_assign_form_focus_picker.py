"""The assign form's focus issue past PICKER_MAX_OPTIONS (a bloc holds a thousand): a search
box asking directives:focus-issue-pick for what a task of the chosen organization may serve
(its own, its ancestors', its subtree's); without script the typed words are matched when
the form is sent (one match is taken, several are counted and listed)."""

import pytest
from django.urls import reverse

from hatnhan.tasks.models import Task

from .test_pages_forms import _task_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def focus(long_focus_list):
    return long_focus_list


def test_a_long_list_is_a_search_box_for_the_chosen_organization(client, users, tree, focus):
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create"), {"organization": tree["stc"].pk}).content.decode()
    assert 'name="focus_issue__q"' in html and "Chống lãng phí" not in html
    assert f"{reverse('directives:focus-issue-pick')}?organization={tree['stc'].pk}" in html
    # Choosing another organization swaps the whole picker, its search address with it.
    assert "#id_focus_issue-picker" in html


def test_a_typed_focus_issue_that_names_one_is_taken(client, users, tree, owner, today, focus):
    client.force_login(users["secretary"])
    response = client.post(
        reverse("tasks:create"), _task_post(tree, owner, today, focus_issue__q="gio giac")
    )
    assert response.status_code == 302
    assert Task.objects.get().focus_issue == focus[0]


def test_typed_words_naming_several_are_refused_saying_how_many(
    client, users, tree, owner, today, focus
):
    client.force_login(users["secretary"])
    response = client.post(
        reverse("tasks:create"), _task_post(tree, owner, today, focus_issue__q="ch")
    )
    assert response.status_code == 200
    assert "Có 3 vấn đề trọng tâm khớp “ch”" in response.content.decode()
    assert not Task.objects.exists()


def test_a_cell_may_serve_its_committees_focus_issue(client, users, tree, focus):
    client.force_login(users["secretary"])
    found = client.get(
        reverse("directives:focus-issue-pick"),
        {"q": "gio giac", "organization": tree["stc_cell"].pk},
    ).content.decode()
    assert "Chấn chỉnh giờ giấc" in found


def test_a_short_list_is_still_listed(client, users, tree, settings, focus):
    settings.PICKER_MAX_OPTIONS = 100
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create"), {"organization": tree["stc"].pk}).content.decode()
    assert "Chống lãng phí" in html and 'name="focus_issue__q"' not in html
