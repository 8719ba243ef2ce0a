"""The API documentation speaks Vietnamese first, English when asked (or chosen on the site)."""

import pytest

pytestmark = pytest.mark.django_db


def description(client, **params) -> str:
    response = client.get("/api/schema/", {"format": "json", **params})
    assert response.status_code == 200
    return response.json()["info"]["description"]


def test_description_is_vietnamese_with_english_available(client, users):
    client.force_login(users["secretary"])
    assert description(client).startswith("API của hệ thống Hạt nhân: tổ chức đảng")
    english = description(client, lang="en")
    assert english.startswith("The API of the Hạt nhân system") and "đảng viên" not in english


def test_the_sites_language_choice_reaches_the_docs(client, users):
    client.force_login(users["secretary"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert description(client).startswith("The API of the Hạt nhân system")
