"""Applying an import in bulk: the members app's one rule on every row (run by the preview,
its result written the same day), one chained audit event per member, and all or nothing."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import verify_chain
from hatnhan.core.testing import writes_nothing
from hatnhan.exchange.services import apply_import
from hatnhan.members import services as member_services
from hatnhan.members.models import Member

from .sheets import row, simple

pytestmark = pytest.mark.django_db

ROWS = 12


def _sheet() -> bytes:
    return simple(*(row(n, f"Trần Thị Bulk {n}", f"55{n:04d}") for n in range(1, ROWS + 1)))


def test_the_rule_runs_once_per_new_member_and_the_write_keeps_its_result(plan_for):
    """The preview runs the members rule on every row; the same day, the write stores what it
    made (members.services.CheckedMember) instead of running it again on the same values."""
    with mock.patch.object(
        member_services, "check_member", wraps=member_services.check_member
    ) as rule:
        plan = plan_for(_sheet())
        assert rule.call_count == ROWS
        apply_import(actor=None, plan=plan)
    assert rule.call_count == ROWS
    # What was written is what the rule makes of the row, field by field.
    stored = Member.objects.get(party_card_number="550003")
    probe = Member()
    member_services.check_member(probe, dict(plan.creates[2].values))
    for field in (*member_services.MEMBER_FIELDS, "sort_key", "search_text"):
        assert getattr(stored, field) == getattr(probe, field), field
    assert stored.sort_key and stored.search_text == "tran thi bulk 3 550003"


def test_a_preview_of_another_day_is_checked_again_when_written(plan_for):
    today = timezone.localdate()
    data = simple(
        row(1, "Lê Văn Hôm Nay", "560001", joined=today, full=None),  # sheet row 2
        row(2, "Lê Văn Hôm Qua", "560002", joined=today - dt.timedelta(days=1), full=None),
    )
    plan = plan_for(data)
    assert not plan.errors
    # Written on another day than the preview's (here a clock put back a day): the rule runs
    # again on every row and refuses the admission that is then in the future.
    with (
        mock.patch.object(
            member_services.timezone, "localdate", return_value=today - dt.timedelta(days=1)
        ),
        mock.patch.object(
            member_services, "check_member", wraps=member_services.check_member
        ) as rule,
        writes_nothing(),
        pytest.raises(ValidationError) as refused,
    ):
        apply_import(actor=None, plan=plan)
    assert rule.call_count == 1  # the first row, refused: nothing after it is written
    assert refused.value.messages == [
        "Dòng 2: Ngày vào Đảng (dự bị): Ngày vào Đảng không được ở tương lai."
    ]


def test_values_that_are_not_the_rules_own_result_are_checked(tree):
    cell = tree["stc_cell"]
    checked = member_services.check_new_member(
        {"full_name": " Đỗ  Thị Chép ", "party_card_number": "570001"}
    )
    with mock.patch.object(
        member_services, "check_member", wraps=member_services.check_member
    ) as rule:
        (copied,) = member_services.create_members(actor=None, rows=[(cell, dict(checked))])
    assert rule.call_count == 1
    assert copied.full_name == "Đỗ Thị Chép"


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
