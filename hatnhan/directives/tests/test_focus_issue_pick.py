"""The long focus-issue picker's matches (/focus-issues/pick/, the board's filter): the words
typed, found without diacritics in either Unicode form, within the user's reach only, inside
the organization asked for."""

import re
import unicodedata

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "directives:focus-issue-pick"


def titles(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<(]*) \(", response.content.decode())


@pytest.fixture
def issues(tree, users, make_resolution, make_focus_issue):
    stc = make_resolution(number_symbol="05-NQ/ĐU")
    make_focus_issue(stc, title="Chấn chỉnh giờ giấc làm việc")
    make_focus_issue(stc, title="Cải cách thủ tục hành chính")
    syt = make_resolution(actor=users["other"], organization=tree["syt"])
    make_focus_issue(syt, actor=users["other"], title="Chấn chỉnh lề lối ở Sở Y tế")


def test_words_without_diacritics_find_the_focus_issue(client, users, issues):
    client.force_login(users["secretary"])
    url = reverse(URL)
    assert titles(client.get(url, {"q": "gio giac"})) == ["Chấn chỉnh giờ giấc làm việc"]
    nfd = unicodedata.normalize("NFD", "thủ tục")
    assert titles(client.get(url, {"q": nfd})) == ["Cải cách thủ tục hành chính"]


def test_the_label_names_the_resolution(client, users, issues):
    client.force_login(users["secretary"])
    assert "05-NQ/ĐU" in client.get(reverse(URL), {"q": "gio"}).content.decode()


def test_nothing_outside_the_users_reach_is_offered(client, users, issues):
    client.force_login(users["secretary"])
    assert titles(client.get(reverse(URL), {"q": "chan chinh"})) == ["Chấn chỉnh giờ giấc làm việc"]


def test_the_organization_narrows_to_its_subtree(client, tree, users, issues):
    client.force_login(users["staff"])
    url = reverse(URL)
    assert len(titles(client.get(url, {"q": "chan chinh"}))) == 2
    found = titles(client.get(url, {"q": "chan chinh", "organization": tree["syt"].pk}))
    assert found == ["Chấn chỉnh lề lối ở Sở Y tế"]


def test_an_organization_out_of_reach_answers_404(client, tree, users):
    client.force_login(users["secretary"])
    url = reverse(URL)
    assert client.get(url, {"q": "a", "organization": tree["syt"].pk}).status_code == 404
    assert client.get(url, {"q": "a", "organization": "x"}).status_code == 404


def test_no_words_no_matches_and_at_most_the_limit(client, users, settings, issues):
    client.force_login(users["secretary"])
    assert titles(client.get(reverse(URL))) == []
    settings.PICKER_MAX_OPTIONS = 1
    assert len(titles(client.get(reverse(URL), {"q": "c"}))) == 1


def test_signed_out_is_sent_to_sign_in(client):
    assert client.get(reverse(URL), {"q": "a"}).status_code == 302
