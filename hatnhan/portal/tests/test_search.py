import unicodedata

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_search_without_diacritics_finds_the_name_stored_in_either_form(
    client, tree, users, make_member, form
):
    make_member(tree["stc_cell"], unicodedata.normalize(form, "Nguyễn Quang Tùng"))
    make_member(tree["stc_cell"], "Nguyễn Quang Trung")
    client.force_login(users["secretary"])
    response = client.get(URL, {"q": "nguyen quang tung"})
    assert response.status_code == 200
    assert [m.full_name for m in response.context["members"]] == ["Nguyễn Quang Tùng"]
    assert "Nguyễn Quang Tùng" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "Nguyễn Quang Tùng",
        unicodedata.normalize("NFD", "Nguyễn Quang Tùng"),
        "NGUYỄN QUANG TÙNG",
        "tùng nguyễn",
        "  nguyen   QUANG tung ",
    ],
)
def test_query_form_case_and_word_order_do_not_matter(client, tree, users, make_member, query):
    make_member(tree["stc_cell"], "Nguyễn Quang Tùng")
    client.force_login(users["secretary"])
    found = client.get(URL, {"q": query}).context["members"]
    assert [m.full_name for m in found] == ["Nguyễn Quang Tùng"]


def test_search_finds_organizations_by_name_code_and_agency(client, tree, users):
    client.force_login(users["staff"])
    found = client.get(URL, {"q": "so tai chinh"}).context["organizations"]
    assert [o.code for o in found] == ["STC"]
    found = client.get(URL, {"q": "stc-ns"}).context["organizations"]
    assert [o.code for o in found] == ["STC-NS"]


def test_search_is_restricted_to_reach(client, tree, users, make_member):
    make_member(tree["syt_cell"], "Nguyễn Quang Tùng")
    client.force_login(users["secretary"])
    response = client.get(URL, {"q": "nguyen quang tung"})
    assert list(response.context["members"]) == []
    assert [o.code for o in client.get(URL, {"q": "y te"}).context["organizations"]] == []


def test_search_results_sorted_the_vietnamese_way_and_paginated(
    client, tree, users, make_member, settings
):
    settings.PAGE_SIZE = 2
    for name in ["Nguyễn Văn Đức", "Nguyễn Văn Dũng", "Nguyễn Văn An"]:
        make_member(tree["stc_cell"], name)
    client.force_login(users["secretary"])
    first = client.get(URL, {"q": "nguyen van"}).context["members"]
    assert [m.full_name for m in first] == ["Nguyễn Văn An", "Nguyễn Văn Dũng"]
    second = client.get(URL, {"q": "nguyen van", "page": 2})
    assert [m.full_name for m in second.context["members"]] == ["Nguyễn Văn Đức"]
    assert 'href="?q=nguyen+van&amp;page=1"' in second.content.decode()


def test_live_search_returns_a_fragment(client, tree, users, make_member):
    make_member(tree["stc_cell"], "Nguyễn Quang Tùng")
    client.force_login(users["secretary"])
    response = client.get(URL, {"q": "tung"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "Nguyễn Quang Tùng" in html


def test_empty_query_shows_the_help_and_anonymous_must_log_in(client, tree, users):
    client.force_login(users["secretary"])
    response = client.get(URL)
    assert response.status_code == 200 and "members" not in response.context
    client.logout()
    assert client.get(URL).status_code == 302
    assert reverse("portal:search") == URL
