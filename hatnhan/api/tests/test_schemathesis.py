"""The whole OpenAPI schema, fuzzed: no request answers 500 or contradicts the schema.

schemathesis reads the schema the server serves (`/api/schema/`) and, for every operation in
it, generates requests — valid ones and deliberately broken ones, reads and writes — sent
in-process to the Django WSGI application, as a secretary and as an admin, each with an API
token. Every answer must be no server error, with a status code, content type, headers and
body the schema documents. An operation other engineers add is in the schema, so it is fuzzed
too, with nothing to register here.

The data: every app's `tests/url_objects.py` registry (the one the every-URL walker uses), so
a valid request's `{id}` is a real object inside the STC subtree (the secretary's reach), not a
random number that only ever answers 404. A broken request's `{id}` is whatever schemathesis
makes of it. Writes change that data as they go: a later operation meets what earlier ones did.

Bounded: a few examples per operation and mode, derandomized, no deadline, no shrinking (the
failure shows the request as curl). On its own: `make schema-check`, or with more examples
`SCHEMATHESIS_MAX_EXAMPLES=50 make schema-check` (docs/api.md).
"""

import datetime as dt
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
from django.utils import timezone
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hatnhan.accounts.services import api_token
from hatnhan.core.tests.test_every_url_restricted import load_registry, served_model
from hatnhan.tasks.services import create_task

MAX_EXAMPLES = int(os.getenv("SCHEMATHESIS_MAX_EXAMPLES", "4"))
# What "answers as documented" means. Not positive_data_acceptance: a valid request may be
# refused by a rule no schema states (a member must be 18; a task's state), and answers 400.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
SETTINGS = hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    suppress_health_check=list(hypothesis.HealthCheck),
)


def served_label(path: str) -> str | None:
    """The model label the view of a `{id}` path serves: the registry's key for its object."""
    try:
        match = resolve(path.replace("{id}", "1"))
    except Resolver404:
        return None
    view = getattr(match.func, "cls", None)
    model = served_model(view) if view is not None else None
    return model._meta.label_lower if model is not None else None


def send(strategy: Any, *, app: Any, headers: dict[str, str], seen: set[int]) -> None:
    """Send the strategy's requests; each answer must be as documented."""

    @SETTINGS
    @hypothesis.given(case=strategy)
    def check(case: schemathesis.Case) -> None:
        # Throttle counters: a run sends more requests a minute than any real client.
        cache.clear()
        response = case.call(headers=headers, app=app)
        seen.add(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)

    check()


def fuzz(
    schema: schemathesis.BaseSchema, app: Any, *, headers: dict[str, str], objects: dict[str, Any]
) -> tuple[list[str], dict[str, set[int]]]:
    """(what failed, one entry per operation and mode; the statuses each operation answered)."""
    failures: list[str] = []
    answers: dict[str, set[int]] = {}
    for result in schema.get_all_operations():
        operation = result.ok()  # an operation the schema cannot describe is a failure too
        seen = answers.setdefault(operation.label, set())
        label = served_label(operation.path) if "{id}" in operation.path else None
        # An operation with no parameter and no body (the public proof-of-work challenge) has
        # nothing a negative case could break: hypothesis would find no example to send.
        modes = [GenerationMode.POSITIVE]
        if any(True for _ in operation.iter_parameters()) or operation.body:
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:
            fixed = {"id": objects[label]} if mode.is_positive and label in objects else None
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)

            try:
                send(strategy, app=app, headers=headers, seen=seen)
            except Exception as exc:
                failures.append(f"{operation.label} [{mode.value}]:\n{exc}")
    return failures, answers


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ["secretary", "admin"])
def test_api_answers_as_documented(role, tree, users, make_member, media):
    objects = load_registry(SimpleNamespace(tree=tree, users=users, make_member=make_member))
    # Assigned from the command line: no account behind it, so its `assigned_by` is null.
    create_task(
        actor=None,
        organization=tree["stc"],
        title="Nhiệm vụ giao từ dòng lệnh",
        owner=make_member(tree["stc_cell"], "Phan Văn Lệnh"),
        expected_result="Có kết quả",
        due_date=timezone.localdate() + dt.timedelta(days=3),
    )
    headers = {"Authorization": f"Token {api_token(actor=None, user=users[role])}"}
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers=headers)
    failures, answers = fuzz(schema, app, headers=headers, objects=objects)
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)
    # Not a run of refusals only: the token signs in, and valid requests reach real objects.
    assert len(answers) >= 50, "the schema lost its operations"
    assert not any(401 in statuses for statuses in answers.values()), answers
    succeeded = [label for label, statuses in answers.items() if statuses & {200, 201}]
    assert len(succeeded) >= len(answers) // 2, answers
