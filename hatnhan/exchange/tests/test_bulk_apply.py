"""Applying an import in bulk: the members app's one rule on every row (preview and write),
one chained audit event per member, and all or nothing."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import verify_chain
from hatnhan.core.testing import writes_nothing
from hatnhan.exchange.services import apply_import, planning
from hatnhan.members import services as member_services
from hatnhan.members.models import Member

from .sheets import row, simple

pytestmark = pytest.mark.django_db

ROWS = 12


def _sheet() -> bytes:
    return simple(*(row(n, f"Trần Thị Bulk {n}", f"55{n:04d}") for n in range(1, ROWS + 1)))


def test_the_preview_and_the_write_run_the_members_rule(plan_for):
    rule = member_services.check_member
    with (
        mock.patch.object(planning, "check_member", wraps=rule) as in_plan,
        mock.patch.object(member_services, "check_member", wraps=rule) as in_write,
    ):
        plan = plan_for(_sheet())
        apply_import(actor=None, plan=plan)
    assert in_plan.call_count == ROWS
    assert in_write.call_count == ROWS


def test_one_event_per_member_created_and_the_chain_verifies(do_import):
    do_import(_sheet())
    members = Member.objects.filter(full_name__startswith="Trần Thị Bulk")
    assert members.count() == ROWS
    created = AuditEvent.objects.filter(action="member.create").values_list("object_id", flat=True)
    assert sorted(created) == sorted(str(pk) for pk in members.values_list("pk", flat=True))
    assert AuditEvent.objects.filter(action="members.import").count() == 1
    assert verify_chain() == []


def test_a_row_refused_when_writing_changes_nothing(plan_for, tree):
    plan = plan_for(_sheet())
    # Between the preview and the confirmation, someone stores a member with row 7's card.
    member_services.create_member(
        actor=None,
        organization=tree["stc_cell"],
        full_name="Người khác",
        party_card_number="550007",
    )
    with writes_nothing(), pytest.raises(ValidationError) as refused:
        apply_import(actor=None, plan=plan)
    assert any(m.startswith("Dòng ") and "đã có" in m for m in refused.value.messages)
