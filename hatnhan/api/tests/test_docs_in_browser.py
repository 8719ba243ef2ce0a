"""The API docs page really renders in Chromium under the site's CSP, from local files only."""

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_render_under_csp(page, users):
    # Sign in without the login page (another capability's): reuse a test client's session.
    client = Client()
    client.force_login(users["secretary"])
    host = urlparse(page.base_url).hostname
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    assert "hatnhan API" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector("text=/api/v1/members/")
    assert not [p for p in problems if "Content Security Policy" in p], problems
    foreign = [u for u in requested if not u.startswith(page.base_url) and u.startswith("http")]
    assert not foreign, foreign
