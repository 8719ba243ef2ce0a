"""The long picker's matches (/members/pick/<source>/): the words typed, found without
diacritics in either Unicode form or by party card number, within the user's reach only."""

import re
import unicodedata

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]*) — ", response.content.decode())


def test_words_without_diacritics_find_the_member(client, tree, users, make_member):
    make_member(tree["stc_cell"], "Nguyễn Quang Tùng")
    make_member(tree["stc_cell"], "Lê Thị Hoa")
    client.force_login(users["secretary"])
    url = reverse("members:pick", args=["active"])
    assert names(client.get(url, {"q": "tung nguyen"})) == ["Nguyễn Quang Tùng"]
    nfd = unicodedata.normalize("NFD", "Tùng")
    assert names(client.get(url, {"q": nfd})) == ["Nguyễn Quang Tùng"]


def test_a_party_card_number_finds_its_member(client, tree, users, make_member):
    make_member(tree["stc_cell"], "Phạm Văn Thẻ", party_card_number="93001234")
    client.force_login(users["secretary"])
    response = client.get(reverse("members:pick", args=["active"]), {"q": "93001234"})
    assert names(response) == ["Phạm Văn Thẻ"]


def test_nobody_outside_the_users_reach_is_offered(client, tree, users, make_member):
    make_member(tree["syt_cell"], "Nguyễn Ngoài Tầm")
    client.force_login(users["secretary"])
    response = client.get(reverse("members:pick", args=["active"]), {"q": "nguyen"})
    assert "Nguyễn Ngoài Tầm" not in names(response)


def test_an_organization_out_of_reach_answers_404(client, tree, users):
    client.force_login(users["secretary"])
    url = reverse("members:pick", args=["active"])
    assert client.get(url, {"q": "a", "organization": tree["syt"].pk}).status_code == 404
    assert client.get(url, {"q": "a", "organization": "x"}).status_code == 404
    assert client.get(reverse("members:pick", args=["nope"]), {"q": "a"}).status_code == 404


def test_the_organization_narrows_to_its_subtree(client, tree, users, make_member):
    make_member(tree["stc_cell"], "Nguyễn Trong Chi Bộ")
    make_member(tree["syt_cell"], "Nguyễn Ở Sở Y Tế")
    client.force_login(users["staff"])
    url = reverse("members:pick", args=["active"])
    found = names(client.get(url, {"q": "nguyen", "organization": tree["stc"].pk}))
    assert "Nguyễn Trong Chi Bộ" in found and "Nguyễn Ở Sở Y Tế" not in found


def test_at_most_the_limit_is_answered_in_one_query_count(
    client, tree, users, make_member, settings, django_assert_max_num_queries
):
    settings.PICKER_MAX_OPTIONS = 3
    for i in range(6):
        make_member(tree["stc_cell"], f"Nguyễn Văn Số {i}")
    client.force_login(users["secretary"])
    url = reverse("members:pick", args=["active"])
    client.get(url, {"q": "so"})  # warm the session
    with django_assert_max_num_queries(8):
        assert len(names(client.get(url, {"q": "so"}))) == 3
    assert names(client.get(url, {"q": ""})) == []


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("members:pick", args=["active"]), {"q": "a"})
    assert response.status_code == 302 and reverse("login") in response["Location"]
