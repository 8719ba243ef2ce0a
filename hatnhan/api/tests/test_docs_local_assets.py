"""The API docs page works on a closed network: every script and style comes from this server."""

import re

import pytest
from django.contrib.staticfiles import finders

ASSET = re.compile(r"""<(?:script|link|img)\b[^>]*?\b(?:src|href)=["']([^"']+)["']""", re.I)


@pytest.fixture
def docs(client, users):
    client.force_login(users["secretary"])
    response = client.get("/api/docs/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    return client, response.content.decode()


def test_docs_reference_only_local_static_files(docs):
    _, html = docs
    urls = ASSET.findall(html)
    assert any("swagger-ui-bundle" in url for url in urls), html
    external = [url for url in urls if re.match(r"(https?:)?//", url)]
    assert not external, f"The docs page loads assets from elsewhere: {external}"
    for url in urls:
        if url.startswith("/static/"):
            # Served by this app: the file really is in a static directory.
            assert finders.find(url.removeprefix("/static/")), f"missing static file {url}"
        else:
            # The start-up script, fetched from the docs view itself (no inline script: CSP).
            assert url.startswith("/api/docs/"), url


def test_docs_page_has_no_inline_script_and_a_nonced_style(docs):
    _, html = docs
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> breaks the CSP"
    for style in re.findall(r"<style[^>]*>", html):
        assert re.search(r'nonce="[^"]+"', style), style


def test_docs_start_up_script_points_at_the_local_schema(docs):
    client, html = docs
    script = re.search(r'<script src="(/api/docs/[^"]+)"', html).group(1)
    response = client.get(script.replace("&amp;", "&"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/schema/" in body
    assert not re.search(r"https?://", body)
    # Swagger UI would otherwise show a badge loaded from validator.swagger.io.
    assert '"validatorUrl": null' in body


def test_browsable_api_references_only_local_static_files(client, users):
    client.force_login(users["secretary"])
    response = client.get("/api/v1/members/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    urls = ASSET.findall(response.content.decode())
    assert any(url.startswith("/static/rest_framework/") for url in urls)
    assert not [url for url in urls if re.match(r"(https?:)?//", url)]
