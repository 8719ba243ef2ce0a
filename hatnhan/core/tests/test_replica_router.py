"""ReplicaRouter's decisions, query by query, for a request marked by the middleware."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, transaction
from django.test.utils import override_settings

from hatnhan.accounts.models import User
from hatnhan.audit.models import AuditEvent
from hatnhan.core.routers import REPLICA, ReplicaRouter, RequestRouting, current_routing
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization

router = ReplicaRouter()


@pytest.fixture
def safe_request():
    """As the middleware marks a GET from a browser that has not written lately."""
    routing = RequestRouting(replica_reads=True)
    token = current_routing.set(routing)
    yield routing
    current_routing.reset(token)


@pytest.fixture
def unsafe_request():
    """As the middleware marks a POST (or a GET from a browser that just wrote)."""
    routing = RequestRouting(replica_reads=False)
    token = current_routing.set(routing)
    yield routing
    current_routing.reset(token)


def test_a_safe_requests_reads_of_the_record_go_to_the_replica(safe_request):
    for model in (Member, Organization, AuditEvent):
        assert router.db_for_read(model) == REPLICA


def test_a_safe_requests_writes_go_to_the_primary_and_mark_it(safe_request):
    assert router.db_for_write(Member) == DEFAULT_DB_ALIAS
    assert safe_request.wrote


def test_after_a_write_the_rest_of_the_request_reads_the_primary(safe_request):
    assert router.db_for_read(Member) == REPLICA
    router.db_for_write(Member)
    assert router.db_for_read(Member) == DEFAULT_DB_ALIAS


def test_sign_in_sessions_and_roles_are_always_read_on_the_primary(safe_request):
    assert router.db_for_read(Session) == DEFAULT_DB_ALIAS
    assert router.db_for_read(User) == DEFAULT_DB_ALIAS


def test_a_session_or_content_type_write_does_not_make_the_browser_sticky(safe_request):
    # The last-seen time is rewritten on plain GETs, content types are a cache fill: neither
    # changes anything a page shows.
    assert router.db_for_write(Session) == DEFAULT_DB_ALIAS
    assert router.db_for_write(ContentType) == DEFAULT_DB_ALIAS
    assert not safe_request.wrote


def test_an_unsafe_requests_reads_and_writes_go_to_the_primary(unsafe_request):
    assert router.db_for_read(Member) == DEFAULT_DB_ALIAS
    assert router.db_for_write(Member) == DEFAULT_DB_ALIAS


def test_outside_a_request_everything_is_on_the_primary():
    # Commands, the background worker, the test suite: no mark, no replica.
    assert current_routing.get() is None
    assert router.db_for_read(Member) == DEFAULT_DB_ALIAS
    assert router.db_for_write(Member) == DEFAULT_DB_ALIAS


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(safe_request):
    assert router.db_for_read(Member) == REPLICA
    with transaction.atomic():
        assert router.db_for_read(Member) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Member) == REPLICA


@override_settings(DATABASE_ROUTERS=["hatnhan.core.routers.ReplicaRouter"])
def test_select_for_update_is_routed_as_a_write(safe_request):
    # Django asks db_for_write for a locking read: the lock must be taken on the primary.
    assert Member.objects.all().db == REPLICA
    assert Member.objects.select_for_update().db == DEFAULT_DB_ALIAS


def test_a_relation_of_a_row_read_on_the_primary_is_read_there_too(safe_request):
    organization = Organization(pk=1, code="X", name="X", kind="cell", path="0001")
    organization._state.db = DEFAULT_DB_ALIAS
    assert router.db_for_read(Member, instance=organization) == DEFAULT_DB_ALIAS
    organization._state.db = REPLICA
    assert router.db_for_read(Member, instance=organization) == REPLICA


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "tasks", "task")
    assert not router.allow_migrate(REPLICA, "tasks", "task")
    assert not router.allow_migrate(REPLICA, "sessions")
