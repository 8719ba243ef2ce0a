"""Through the test client, with a `replica` alias configured: which connection each query of
a request used, and read-your-writes for the user who just wrote."""

import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from hatnhan.core.routers import REPLICA, STICKY_COOKIE
from hatnhan.core.tests.replica import replica_alias

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def replica(transactional_db):
    with replica_alias():
        yield


def reads(table: str, sql: str) -> bool:
    """The query reads `table` as its main table (not a join of another table's query)."""
    return f'FROM "{table}"' in sql


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(client: Client, url: str) -> tuple[int, list[str], list[str], str]:
    """Status, the SQL on the primary and on the replica, and the page's text."""
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as copy,
    ):
        response = client.get(url)
    return (
        response.status_code,
        [q["sql"] for q in primary.captured_queries],
        [q["sql"] for q in copy.captured_queries],
        response.content.decode(),
    )


def edit_name(client: Client, organization, name: str):
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as copy,
    ):
        response = client.post(
            f"/organizations/{organization.pk}/edit/",
            {"code": organization.code, "name": name, "kind": organization.kind,
             "agency_name": organization.agency_name, "is_active": "on",
             "parent": organization.parent_id},
        )  # fmt: skip
    return response, primary.captured_queries, copy.captured_queries


def test_a_list_page_reads_the_record_from_the_replica_and_sign_in_from_the_primary(replica, users):
    status, primary, copy, _ = get(signed_in(users["staff"]), "/organizations/")

    assert status == 200
    assert any(reads("organizations_organization", sql) for sql in copy)
    assert any(reads("members_member", sql) for sql in copy)
    # The session, the account and its roles: where they are written.
    for table in ("accounts_accountsession", "accounts_user", "accounts_role"):
        assert any(reads(table, sql) for sql in primary)
        assert not any(reads(table, sql) for sql in copy)
    assert not any(reads("organizations_organization", sql) for sql in primary)


def test_the_api_list_reads_the_replica(replica, users):
    client = signed_in(users["staff"])
    with CaptureQueriesContext(connections[REPLICA]) as copy:
        response = client.get("/api/v1/tasks/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert any(reads("tasks_task", q["sql"]) for q in copy.captured_queries)


def test_routing_moves_queries_and_adds_none(replica, users):
    client = signed_in(users["staff"])
    get(client, "/members/")  # warm: content types, the calendar cache
    _, primary, copy, _ = get(client, "/members/")
    # The same page with no replica configured (the middleware and router then do nothing).
    replica_settings = connections.settings.pop(REPLICA)
    try:
        with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as alone:
            client.get("/members/")
    finally:
        connections.settings[REPLICA] = replica_settings
    assert len(primary) + len(copy) == len(alone.captured_queries)
    assert len(copy) > 0


def test_a_post_reads_and_writes_on_the_primary_only(replica, users, tree):
    response, primary, copy = edit_name(
        signed_in(users["admin"]), tree["stc"], "Đảng bộ Sở Tài chính mới"
    )

    assert response.status_code == 302
    assert copy == []
    assert any(q["sql"].startswith("UPDATE") for q in primary)
    assert STICKY_COOKIE in response.cookies


def test_after_a_write_the_writer_reads_the_primary_and_others_the_replica(replica, users, tree):
    writer = signed_in(users["admin"])
    edit_name(writer, tree["stc"], "Đảng bộ Sở Tài chính mới")

    status, _, copy, text = get(writer, f"/organizations/{tree['stc'].pk}/")
    assert status == 200
    assert copy == []
    assert "Đảng bộ Sở Tài chính mới" in text

    status, _, copy, _ = get(signed_in(users["staff"]), f"/organizations/{tree['stc'].pk}/")
    assert status == 200
    assert any(reads("organizations_organization", sql) for sql in copy)


def test_the_writer_is_back_on_the_replica_after_the_window(
    replica, users, tree, settings, monkeypatch
):
    settings.DATABASE_REPLICA_STICKY_SECONDS = 10
    writer = signed_in(users["admin"])
    edit_name(writer, tree["stc"], "Đảng bộ Sở Tài chính mới")
    later = time.time() + 11
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    _, _, copy, _ = get(writer, f"/organizations/{tree['stc'].pk}/")
    assert any(reads("organizations_organization", sql) for sql in copy)


def test_a_forged_sticky_cookie_counts_for_nothing(replica, users):
    client = signed_in(users["staff"])
    client.cookies[STICKY_COOKIE] = str(int(time.time()))

    _, _, copy, _ = get(client, "/organizations/")
    assert any(reads("organizations_organization", sql) for sql in copy)
