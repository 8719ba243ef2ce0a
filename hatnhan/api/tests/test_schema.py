"""The OpenAPI 3 schema is generated without a single warning and covers the API."""

import io

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS


@pytest.mark.django_db
def test_schema_generates_and_validates_without_warnings():
    GENERATOR_STATS.reset()
    out = io.StringIO()
    # --fail-on-warn raises on any warning or error the generator emitted.
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/organizations/",
        "/api/v1/organizations/{id}/",
        "/api/v1/members/",
        "/api/v1/members/{id}/",
        "/api/v1/seats/",
        "/api/v1/audit-events/",
    ):
        assert path in schema["paths"], path
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    organization = schema["components"]["schemas"]["Organization"]["properties"]
    assert {"id", "code", "name", "kind", "parent", "depth", "member_count"} <= set(organization)


def test_schema_is_served_to_signed_in_users(client, users):
    client.force_login(users["inspector"])
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/members/" in response.json()["paths"]
