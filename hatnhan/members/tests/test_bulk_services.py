"""The bulk member services: the same rule as the single ones, all or nothing, one chained
audit event per member."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import verify_chain
from hatnhan.core.testing import writes_nothing
from hatnhan.members import services
from hatnhan.members.models import Member

pytestmark = pytest.mark.django_db


def _values(n: int, **changes):
    return {
        "full_name": f"Nguyễn Văn Thử {n}",
        "party_card_number": f"77{n:04d}",
        "date_of_birth": dt.date(1985, 3, 4),
        "probationary_date": dt.date(2010, 5, 6),
    } | changes


def test_create_members_writes_one_verifying_event_per_member(tree):
    cell = tree["stc_cell"]
    members = services.create_members(actor=None, rows=[(cell, _values(n)) for n in range(30)])
    assert Member.objects.filter(organization=cell).count() == 30
    events = AuditEvent.objects.filter(action="member.create", object_type="members.member")
    assert sorted(events.values_list("object_id", flat=True)) == sorted(str(m.pk) for m in members)
    sample = events.get(object_id=str(members[0].pk))
    assert sample.after["full_name"] == "Nguyễn Văn Thử 0"
    assert sample.organization_path == cell.path
    assert verify_chain() == []


def test_a_bad_row_changes_nothing_and_is_named(tree):
    cell = tree["stc_cell"]
    rows = [(cell, _values(n)) for n in range(5)]
    rows[3] = (cell, _values(3, date_of_birth=dt.date(2000, 1, 1)))  # 18 only in 2018
    with writes_nothing(), pytest.raises(ValidationError) as refused:
        services.create_members(actor=None, rows=rows, labels=[f"Dòng {n}" for n in range(10, 15)])
    assert "Dòng 13" in refused.value.message_dict
    assert "18 tuổi" in refused.value.message_dict["Dòng 13"][0]


def test_a_card_number_already_stored_changes_nothing(tree):
    cell = tree["stc_cell"]
    services.create_member(actor=None, organization=cell, **_values(1))
    with writes_nothing(), pytest.raises(ValidationError) as refused:
        services.create_members(actor=None, rows=[(cell, _values(2)), (cell, _values(1))])
    assert "Đảng viên 2" in refused.value.message_dict


def test_update_members_writes_and_audits_only_the_changed(tree):
    cell = tree["stc_cell"]
    a, b = services.create_members(actor=None, rows=[(cell, _values(1)), (cell, _values(2))])
    events = AuditEvent.objects.count()
    changed = services.update_members(
        actor=None, rows=[(a.pk, {"post": "Trưởng phòng"}), (b.pk, {"full_name": b.full_name})]
    )
    assert changed == 1
    a.refresh_from_db()
    assert a.post == "Trưởng phòng"
    update = AuditEvent.objects.get(action="member.update")
    assert update.object_id == str(a.pk)
    assert update.before["post"] == "" and update.after["post"] == "Trưởng phòng"
    assert AuditEvent.objects.count() == events + 1
    assert verify_chain() == []


@pytest.mark.parametrize("call", ["create_member", "update_member", "create_members"])
def test_every_write_path_runs_the_one_rule(tree, call):
    """No second copy of the rules: each path calls members.services.check_member."""
    cell = tree["stc_cell"]
    stored = services.create_member(actor=None, organization=cell, **_values(9))
    with mock.patch.object(services, "check_member", wraps=services.check_member) as rule:
        if call == "create_member":
            services.create_member(actor=None, organization=cell, **_values(1))
        elif call == "update_member":
            services.update_member(actor=None, member=stored, post="Phó phòng")
        else:
            services.create_members(actor=None, rows=[(cell, _values(1)), (cell, _values(2))])
    assert rule.called
