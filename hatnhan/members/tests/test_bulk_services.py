"""The bulk member services: the same rule as the single ones, all or nothing, one chained
audit event per member."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

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


def test_a_checked_member_is_what_the_rule_makes_of_the_values(tree):
    values = _values(5, full_name="  Phạm   Thị  Kiểm ", post=" Chuyên  viên ")
    checked = services.check_new_member(values)
    probe = Member()
    services.check_member(probe, values)
    built = checked.member(tree["stc_cell"])
    for field in (
        f.attname for f in Member._meta.concrete_fields if f.attname != "organization_id"
    ):
        assert getattr(built, field) == getattr(probe, field), field
    assert built.organization == tree["stc_cell"] and built.pk is None
    # As a mapping: the fields the row gave, as the rule normalized them.
    assert dict(checked) == {f: getattr(probe, f) for f in services.MEMBER_FIELDS if f in values}
    assert checked["full_name"] == "Phạm Thị Kiểm" and "email" not in checked
    with pytest.raises(TypeError):
        checked["post"] = "Trưởng phòng"  # type: ignore[index]
    with pytest.raises(AttributeError):
        checked.today = timezone.localdate()  # type: ignore[misc]


def test_check_new_member_refuses_as_the_rule_does():
    with pytest.raises(ValidationError) as refused:
        services.check_new_member(_values(1, date_of_birth=dt.date(2000, 1, 1)))
    assert "18 tuổi" in refused.value.message_dict["probationary_date"][0]


def test_create_members_writes_a_checked_member_of_today_without_a_second_run(tree):
    cell = tree["stc_cell"]
    fresh = services.check_new_member(_values(1))
    stale = services.check_new_member(_values(2), today=timezone.localdate() - dt.timedelta(days=3))
    with mock.patch.object(services, "check_member", wraps=services.check_member) as rule:
        a, _ = services.create_members(actor=None, rows=[(cell, fresh), (cell, stale)])
    assert rule.call_count == 1  # the one checked on another day, again
    assert rule.call_args.args[1] is stale
    a.refresh_from_db()
    assert (a.full_name, a.search_text) == ("Nguyễn Văn Thử 1", "nguyen van thu 1 770001")
    assert AuditEvent.objects.get(action="member.create", object_id=str(a.pk)).after["post"] == ""
    assert verify_chain() == []
