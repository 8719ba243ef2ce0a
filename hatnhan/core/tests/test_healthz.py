"""The liveness probe answers "ok" to anyone without touching the database, and is never
cached (a proxy must not answer for a dead server)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_the_probe_answers_ok_without_a_query(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz/")

    assert (response.status_code, response.text) == (200, "ok")
    assert len(queries) == 0
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_probe_only_reads(client, db):
    assert client.post("/healthz/").status_code == 405
