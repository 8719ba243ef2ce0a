"""Moving an organization carries its record: who reads the history moves with it, the
descendants' new paths are events, the chain still verifies, and two moves cannot race
into a cycle."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.selectors import history_for, visible_events
from hatnhan.audit.services import move_anchor, verify_chain
from hatnhan.core.testing import api_client, run_concurrently
from hatnhan.members.services import update_member
from hatnhan.organizations.models import Organization
from hatnhan.organizations.services import update_organization


def _ids(events) -> set[int]:
    return {e.pk for e in events}


@pytest.fixture
def moved(tree, users, make_member):
    """A member of STC's cell with some history, then the cell moved from STC to SYT."""
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    update_member(actor=users["secretary"], member=member, post="Chuyên viên")
    member_events = _ids(AuditEvent.objects.about([member]))
    member.old_path = tree["stc_cell"].path
    update_organization(actor=users["admin"], organization=tree["stc_cell"], parent=tree["syt"])
    return member, member_events


def test_the_new_parent_reads_the_moved_history(tree, users, moved):
    member, member_events = moved
    new_parent = users["other"]  # SYT's secretary
    assert _ids(history_for(member, new_parent)) == member_events
    # The API reads through the same function.
    body = api_client(new_parent).get(
        "/api/v1/audit-events/", {"object_type": "members.member", "object_id": member.pk}
    )
    assert {row["id"] for row in body.json()["results"]} == member_events
    cell = Organization.objects.get(pk=tree["stc_cell"].pk)
    assert set(AuditEvent.objects.about([member]).values_list("filed_path", flat=True)) == {
        cell.path
    }


def test_the_old_parent_no_longer_reads_it(tree, users, moved):
    member, member_events = moved
    old_parent = users["secretary"]  # STC's secretary
    assert not history_for(member, old_parent).exists()
    assert not visible_events(old_parent).filter(pk__in=member_events).exists()
    body = api_client(old_parent).get(
        "/api/v1/audit-events/", {"object_type": "members.member", "object_id": member.pk}
    )
    assert body.json()["count"] == 0
    # Where each event was recorded stays as it was: that is part of what happened (hashed).
    assert set(AuditEvent.objects.about([member]).values_list("organization_path", flat=True)) == {
        member.old_path
    }


def test_descendants_paths_are_events_the_new_parent_reads(tree, users):
    old_path = tree["stc_cell"].path
    update_organization(actor=users["admin"], organization=tree["stc"], parent=tree["syt"])
    event = AuditEvent.objects.get(action="organization.move", object_id=str(tree["stc_cell"].pk))
    cell = Organization.objects.get(pk=tree["stc_cell"].pk)
    assert event.before == {"path": old_path, "depth": 2}
    assert event.after == {"path": cell.path, "depth": 3}
    assert event.actor == users["admin"]
    assert visible_events(users["other"]).filter(pk=event.pk).exists()
    assert _ids(history_for(cell, users["other"])) >= {event.pk}


def test_the_chain_still_verifies_after_a_move(moved):
    move_anchor()
    assert verify_chain() == []


def test_a_tampered_event_still_fails_verification_after_a_move(moved):
    event = AuditEvent.objects.filter(action="member.update").latest("seq")
    AuditEvent.objects.filter(pk=event.pk).refile_to("0000001.")  # bookkeeping: allowed
    move_anchor()
    assert verify_chain() == []
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET organization_path = %s WHERE id = %s",
            ["0000001.", event.pk],
        )
    assert any("nội dung đã bị sửa" in p for p in verify_chain())


def test_a_refused_move_changes_nothing(tree, users):
    before = (AuditEvent.objects.count(), list(Organization.objects.values_list("pk", "path")))
    with pytest.raises(ValidationError) as refused:
        update_organization(actor=users["admin"], organization=tree["stc"], parent=tree["stc_cell"])
    assert "parent" in refused.value.message_dict
    assert (
        AuditEvent.objects.count(),
        list(Organization.objects.values_list("pk", "path")),
    ) == before


def _consistent_tree() -> None:
    for org in Organization.objects.select_related("parent"):
        expected = (org.parent.path if org.parent else "") + f"{org.pk:07d}."
        assert org.path == expected, (org.code, org.path, expected)
        assert org.depth == org.path.count(".") - 1


@pytest.mark.django_db(transaction=True)
def test_crossed_moves_cannot_make_a_cycle(tree, users):
    """A under B while B under A: one move wins, the other sees it and is refused."""
    admin = users["admin"]
    stc, syt = tree["stc"], tree["syt"]
    results = run_concurrently(
        lambda: update_organization(actor=admin, organization=stc, parent=syt),
        lambda: update_organization(actor=admin, organization=syt, parent=stc),
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    moved = [r for r in results if isinstance(r, Organization)]
    assert len(moved) == 1 and len(refused) == 1, results
    assert "parent" in refused[0].message_dict
    _consistent_tree()
    assert verify_chain() == []


@pytest.mark.django_db(transaction=True)
def test_a_move_and_a_move_into_its_subtree_keep_every_path(tree, users):
    """Moving STC under SYT while SYT's cell moves under STC's cell: whichever order, every
    path agrees with its parent afterwards (the second move sees the first's paths)."""
    admin = users["admin"]
    results = run_concurrently(
        lambda: update_organization(actor=admin, organization=tree["stc"], parent=tree["syt"]),
        lambda: update_organization(
            actor=admin, organization=tree["syt_cell"], parent=tree["stc_cell"]
        ),
    )
    assert all(isinstance(r, Organization) for r in results), results
    _consistent_tree()
    syt_cell = Organization.objects.get(pk=tree["syt_cell"].pk)
    assert set(AuditEvent.objects.about([syt_cell]).values_list("filed_path", flat=True)) == {
        syt_cell.path
    }
    assert verify_chain() == []
