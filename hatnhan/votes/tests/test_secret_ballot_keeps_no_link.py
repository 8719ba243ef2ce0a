"""Secret ballot (issue 9, "no stored link between a voter and a ballot"): a ballot holds its
choice and nothing else; the has-voted record holds who, never what or which ballot; no audit
event names a ballot; closing rewrites the box shuffled under new keys."""

import pytest

from hatnhan.audit.models import AuditEvent
from hatnhan.votes import services
from hatnhan.votes.models import Ballot, BallotCast

pytestmark = pytest.mark.django_db


def test_ballot_has_no_voter_time_or_sequence():
    fields = {f.name for f in Ballot._meta.concrete_fields}
    assert fields == {"id", "vote", "choice"}
    assert Ballot._meta.pk.get_internal_type() == "UUIDField"  # no counting key


def test_has_voted_record_has_no_choice_ballot_or_time():
    fields = {f.name for f in BallotCast._meta.concrete_fields}
    assert fields == {"id", "vote", "member"}


def test_no_audit_event_names_a_ballot_or_its_choice(secret, users, voter):
    services.cast_ballot(actor=users["member"], vote=secret, choice="against")
    services.cast_ballot(actor=voter, vote=secret, choice="for")
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    events = AuditEvent.objects.filter(action="vote.cast")
    assert events.count() == 2
    assert not AuditEvent.objects.filter(object_type="votes.ballot").exists()
    for event in events:
        written = f"{event.before} {event.after} {event.object_repr}"
        assert not any(pk in written for pk in ballot_ids)
        assert "against" not in written and "for" not in str(event.after.keys())


def test_closing_rewrites_the_box_under_new_keys(secret, users, voter):
    services.cast_ballot(actor=users["member"], vote=secret, choice="against")
    services.cast_ballot(actor=voter, vote=secret, choice="for")
    before = set(Ballot.objects.values_list("pk", flat=True))
    services.close_vote(actor=users["secretary"], vote=secret)
    after = list(Ballot.objects.filter(vote=secret).values_list("pk", "choice"))
    assert before.isdisjoint(pk for pk, _ in after)
    assert sorted(choice for _, choice in after) == ["against", "for"]


def test_after_close_the_storage_holds_no_casting_order(secret, users, voter):
    """What the database itself keeps: on PostgreSQL every ballot row is written by the
    closing transaction (one xmin, not the casting transactions shared with the has-voted
    rows); on SQLite every ballot has a new rowid, written after the close began."""
    from django.db import connection

    services.cast_ballot(actor=users["member"], vote=secret, choice="against")
    services.cast_ballot(actor=voter, vote=secret, choice="for")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT COUNT(DISTINCT xmin::text) FROM votes_ballot")
            assert cursor.fetchone()[0] == 2  # one per casting transaction
        else:
            cursor.execute("SELECT rowid, id FROM votes_ballot")
            as_cast = set(cursor.fetchall())
    services.close_vote(actor=users["secretary"], vote=secret)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT COUNT(DISTINCT xmin::text) FROM votes_ballot")
            assert cursor.fetchone()[0] == 1
        else:
            cursor.execute("SELECT rowid, id FROM votes_ballot")
            rewritten = set(cursor.fetchall())
            assert len(rewritten) == 2 and not rewritten & as_cast
