"""?search= ignores diacritics, case and Unicode normalization form."""

import unicodedata

import pytest

from hatnhan.core.testing import api_client


@pytest.fixture
def people(tree, make_member):
    make_member(tree["stc_cell"], "Nguyễn Quang Tùng")
    make_member(tree["stc_cell"], "Nguyễn Quang Trung")
    make_member(tree["stc_cell"], "Đỗ Thị Tùng Lâm")


@pytest.mark.parametrize(
    "query",
    [
        "nguyen quang tung",
        "NGUYEN QUANG TUNG",
        "Nguyễn Quang Tùng",
        unicodedata.normalize("NFD", "Nguyễn Quang Tùng"),
        "  nguyễn   QUANG tùng ",
        "tung nguyen",
    ],
)
def test_finds_the_name_however_typed(users, people, query):
    body = api_client(users["secretary"]).get("/api/v1/members/", {"search": query}).json()
    assert [row["full_name"] for row in body["results"]] == ["Nguyễn Quang Tùng"]


def test_d_with_stroke_matches_plain_d(users, people):
    body = api_client(users["secretary"]).get("/api/v1/members/", {"search": "do thi"}).json()
    assert [row["full_name"] for row in body["results"]] == ["Đỗ Thị Tùng Lâm"]


def test_finds_by_party_card_number(users, tree, make_member):
    make_member(tree["stc_cell"], "Lê Văn Cường", party_card_number="93.012345")
    body = api_client(users["secretary"]).get("/api/v1/members/", {"search": "93.0123"}).json()
    assert [row["full_name"] for row in body["results"]] == ["Lê Văn Cường"]


def test_search_never_crosses_reach(users, tree, make_member, people):
    make_member(tree["syt_cell"], "Nguyễn Quang Tùng")
    body = api_client(users["other"]).get("/api/v1/members/", {"search": "tung"}).json()
    assert [row["organization"] for row in body["results"]] == [tree["syt_cell"].pk]
