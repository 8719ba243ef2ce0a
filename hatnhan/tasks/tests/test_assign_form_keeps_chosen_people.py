"""The assign form: whoever was chosen before the organization stays chosen when the
organization's choice reloads the pickers, if that organization's people include them."""

import re

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db]


def selected(html: str, name: str) -> list[str]:
    picker = html[html.index(f'<select name="{name}"') :]
    picker = picker[: picker.index("</select>")]
    return re.findall(r'<option value="(\d+)"[^>]*selected', picker)


def test_the_organization_select_sends_the_people_chosen(client, users):
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create")).content.decode()
    assert 'hx-include="#id_owner, #id_coworkers"' in html


def test_the_owner_and_coworkers_chosen_stay_chosen(client, users, tree, owner, make_member):
    helper = make_member(tree["stc_cell"], "Lê Văn Cường")
    client.force_login(users["staff"])
    html = client.get(
        reverse("tasks:create"),
        {"organization": tree["stc"].pk, "owner": owner.pk, "coworkers": [helper.pk]},
    ).content.decode()
    assert selected(html, "owner") == [str(owner.pk)]
    assert selected(html, "coworkers") == [str(helper.pk)]


def test_someone_outside_the_new_organization_is_dropped(client, users, tree, owner):
    client.force_login(users["staff"])
    html = client.get(
        reverse("tasks:create"), {"organization": tree["syt"].pk, "owner": owner.pk}
    ).content.decode()
    assert selected(html, "owner") == []
    assert owner.full_name not in html


def test_an_id_out_of_reach_shows_nobody(client, users, tree, make_member):
    stranger = make_member(tree["syt_cell"], "Phạm Văn Lạ")
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create"), {"owner": stranger.pk}).content.decode()
    assert stranger.full_name not in html and selected(html, "owner") == []
