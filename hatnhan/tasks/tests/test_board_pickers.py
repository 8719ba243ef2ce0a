"""The board's "person responsible" and "focus issue" filters past PICKER_MAX_OPTIONS: a
search box, not a list of a bloc's thousands of members or its hundreds of focus issues; with
script it asks the picker's source, without script the typed words are matched when the
filter is sent (one match filters, several are listed)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(settings, tree, make_member, make_task, owner):
    settings.PICKER_MAX_OPTIONS = 2
    others = [make_member(tree["stc_cell"], name) for name in ("Lê Văn Cường", "Lê Thị Cúc")]
    make_task(title="Việc của Bình", owner=owner)
    make_task(title="Việc của Cường", owner=others[0])
    return others


def board(client, **params):
    return client.get(reverse("tasks:board"), params).content.decode()


def test_a_long_list_becomes_a_search_box(client, users, many):
    client.force_login(users["secretary"])
    html = board(client)
    assert 'name="assignee__q"' in html
    assert f"{reverse('members:pick', args=['active'])}" in html
    assert "Lê Thị Cúc" not in html  # not listed: searched


def test_the_search_asks_within_the_chosen_organization(client, users, tree, many):
    client.force_login(users["secretary"])
    html = board(client, organization=tree["stc_cell"].pk)
    assert f"organization={tree['stc_cell'].pk}" in html


def test_a_typed_name_that_matches_one_member_filters(client, users, many):
    client.force_login(users["secretary"])
    html = board(client, assignee__q="le van cuong")
    assert "Việc của Cường" in html and "Việc của Bình" not in html
    # The one found is what the select now holds.
    assert f'<option value="{many[0].pk}" selected' in html


def test_a_typed_name_that_matches_several_says_how_many_and_lists_them(client, users, many):
    client.force_login(users["secretary"])
    html = board(client, assignee__q="le")
    assert "Có 2 mục khớp “le”" in html
    assert "Việc của Cường" not in html  # nothing filtered half-way
    assert "Lê Văn Cường" in html and "Lê Thị Cúc" in html  # offered to choose from


def test_a_typed_name_that_matches_no_one_says_so(client, users, many):
    client.force_login(users["secretary"])
    assert "Không tìm thấy mục nào khớp “zzz”" in board(client, assignee__q="zzz")


def test_a_chosen_member_stays_chosen_in_the_search_box(client, users, many):
    client.force_login(users["secretary"])
    html = board(client, assignee=many[0].pk)
    assert f'<option value="{many[0].pk}" selected' in html
    assert "Việc của Cường" in html and "Việc của Bình" not in html


def test_a_short_list_is_still_a_list(client, users, settings, many):
    settings.PICKER_MAX_OPTIONS = 100
    client.force_login(users["secretary"])
    html = board(client)
    assert 'name="assignee__q"' not in html and "Lê Thị Cúc" in html


def test_someone_out_of_reach_is_not_found_by_typing(client, users, tree, make_member, many):
    make_member(tree["syt_cell"], "Lê Văn Xa")
    client.force_login(users["secretary"])
    assert "Không tìm thấy mục nào khớp “xa”" in board(client, assignee__q="xa")


@pytest.fixture
def focus(long_focus_list, make_task):
    make_task(title="Việc giờ giấc", focus_issue=long_focus_list[0])
    make_task(title="Việc thủ tục", focus_issue=long_focus_list[1])
    return long_focus_list


def test_a_long_focus_issue_list_becomes_a_search_box(client, users, tree, focus):
    client.force_login(users["secretary"])
    html = board(client, organization=tree["stc"].pk)
    assert 'name="focus_issue__q"' in html
    assert f"{reverse('directives:focus-issue-pick')}?organization={tree['stc'].pk}" in html
    assert "Chống lãng phí" not in html


def test_a_typed_focus_issue_that_matches_one_filters(client, users, focus):
    client.force_login(users["secretary"])
    html = board(client, focus_issue__q="gio giac")
    assert "Việc giờ giấc" in html and "Việc thủ tục" not in html
    assert f'<option value="{focus[0].pk}" selected' in html


def test_typed_words_matching_several_focus_issues_say_how_many(client, users, focus):
    client.force_login(users["secretary"])
    html = board(client, focus_issue__q="c")
    assert "Có 3 mục khớp “c”" in html and "Việc giờ giấc" not in html
