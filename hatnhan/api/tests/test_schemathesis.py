"""The whole OpenAPI schema, fuzzed: no request answers 500 or contradicts the schema.

schemathesis reads the schema the server itself serves (`/api/schema/`), generates requests
for every operation in it — valid ones and deliberately broken ones, reads and writes — and
sends them in-process to the Django WSGI application, as a secretary and as an admin, each
with an API token. Every answer must be no server error, a status code, content type and body
the schema documents. Operations other engineers add are in the schema, so they are fuzzed too.

The data: every app's `tests/url_objects.py` registry (the one the every-URL walker uses), so
each path's `{id}` is, most of the time, a real object inside the STC subtree (the secretary's
reach) rather than a random number that only ever answers 404.

Bounded (a few examples per operation, derandomized, no deadline): run it on its own with
`.venv/bin/pytest hatnhan/api/tests/test_schemathesis.py` (docs/api.md); set
`SCHEMATHESIS_MAX_EXAMPLES` for a longer run.
"""

import json
import os
from types import SimpleNamespace
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.urls import resolve
from django.urls.exceptions import Resolver404
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hatnhan.accounts.services import api_token
from hatnhan.core.tests.test_every_url_restricted import load_registry, served_model

MAX_EXAMPLES = int(os.getenv("SCHEMATHESIS_MAX_EXAMPLES", "5"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
APP = get_wsgi_application()


def generated_schema() -> dict[str, Any]:
    """The schema `/api/schema/` serves, from the same generator (no request, no database)."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


def served_label(path: str) -> str | None:
    """The model label the view of a `{id}` path serves (the registry's key for it)."""
    try:
        match = resolve(path.replace("{id}", "1"))
    except Resolver404:
        return None
    view = getattr(match.func, "cls", None)
    model = served_model(view) if view is not None else None
    return model._meta.label_lower if model is not None else None


schema = schemathesis.openapi.from_dict(
    generated_schema(),
    config=schemathesis.Config.from_dict(
        {
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        }
    ),
)


@pytest.fixture(params=["secretary", "admin"])
def caller(request, transactional_db, tree, users, make_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    objects = load_registry(SimpleNamespace(tree=tree, users=users, make_member=make_member))
    key = api_token(actor=None, user=users[request.param])
    return SimpleNamespace(headers={"Authorization": f"Token {key}"}, objects=objects)


@schema.parametrize()
# The data is shared by the examples of one operation on purpose (a write sees the last one's).
@hypothesis.settings(
    deadline=None, suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture]
)
@pytest.mark.django_db(transaction=True)
def test_api_answers_as_documented(case, caller):
    # Throttle counters: a run sends more requests a minute than any real client.
    cache.clear()
    label = served_label(case.path) if "id" in (case.path_parameters or {}) else None
    if label in caller.objects and case.meta.generation.mode.is_positive:
        # A random id only ever answers 404: valid requests go to a real object in reach.
        case.path_parameters["id"] = caller.objects[label]
    case.call_and_validate(headers=caller.headers, checks=CHECKS, app=APP)
