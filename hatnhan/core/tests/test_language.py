"""Vietnamese first: the browser's Accept-Language does not switch the interface; the user does."""

from django.conf import settings


def test_english_browser_still_gets_vietnamese(client, users):
    client.force_login(users["secretary"])
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Tổng quan" in response.text


def test_language_switch_is_remembered(client, users):
    client.force_login(users["secretary"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get("/")
    assert response.headers["Content-Language"] == "en"
