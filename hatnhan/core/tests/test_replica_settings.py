"""DATABASE_REPLICA_URL in the settings: a `replica` alias that mirrors default in tests, and
the router; without it one database, no router, and the middleware does nothing."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext

from hatnhan.core.routers import STICKY_COOKIE, replica_lag_seconds

SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'aliases': sorted(s.DATABASES), 'routers': s.DATABASE_ROUTERS, "
    "'replica': s.DATABASES.get('replica', {}), 'sticky': s.DATABASE_REPLICA_STICKY_SECONDS}))"
)


def settings_with(**env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_REPLICA")}
    environment.update(DJANGO_SETTINGS_MODULE="hatnhan.settings", **env)
    out = subprocess.run(
        [sys.executable, "-c", SHOW],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def test_a_replica_url_adds_the_alias_mirroring_default_in_tests_and_the_router():
    shown = settings_with(
        DATABASE_REPLICA_URL="postgres://reader@replica.example:5432/hatnhan",
        DATABASE_REPLICA_STICKY_SECONDS="30",
    )
    assert shown["aliases"] == ["default", "replica"]
    assert shown["routers"] == ["hatnhan.core.routers.ReplicaRouter"]
    assert shown["replica"]["HOST"] == "replica.example"
    assert shown["replica"]["TEST"]["MIRROR"] == "default"
    assert shown["sticky"] == 30


def test_without_a_replica_url_there_is_one_database_and_no_router():
    shown = settings_with()
    assert shown["aliases"] == ["default"]
    assert shown["routers"] == []
    assert shown["sticky"] == 10


def test_without_a_replica_a_write_sets_no_cookie_and_every_query_is_on_default(
    client, users, tree
):
    client.force_login(users["admin"])
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as queries:
        response = client.post(
            f"/organizations/{tree['stc'].pk}/edit/",
            {"code": "STC", "name": "Đảng bộ Sở Tài chính mới", "kind": tree["stc"].kind,
             "agency_name": "Sở Tài chính", "is_active": "on", "parent": tree["bloc"].pk},
        )  # fmt: skip
        page = client.get("/organizations/")

    assert (response.status_code, page.status_code) == (302, 200)
    assert STICKY_COOKIE not in response.cookies
    assert list(connections) == [DEFAULT_DB_ALIAS]
    assert len(queries) > 0
    assert replica_lag_seconds() is None
