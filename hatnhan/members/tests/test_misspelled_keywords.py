"""A misspelled keyword is refused, naming it, and writes nothing (core.services.refuse_unknown)."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.members.models import CommitteeSeat, Member
from hatnhan.members.services import create_member, create_seat, update_member, update_seat
from hatnhan.organizations.models import Organization
from hatnhan.organizations.services import update_organization


def _refused(call, field: str) -> None:
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        call()
    assert list(refused.value.message_dict) == [field]
    assert f"Không có trường “{field}”" in refused.value.message_dict[field][0]
    assert AuditEvent.objects.count() == events


def test_create_member_refuses_fulname(tree, users):
    _refused(
        lambda: create_member(
            actor=users["secretary"], organization=tree["stc_cell"], fulname="Lê Văn Cường"
        ),
        "fulname",
    )
    assert not Member.objects.filter(full_name="Lê Văn Cường").exists()


def test_update_member_refuses_a_misspelling(users, make_member):
    member = make_member(name="Lê Văn Cường")
    _refused(lambda: update_member(actor=users["secretary"], member=member, psot="X"), "psot")
    member.refresh_from_db()
    assert member.post == ""


def test_seats_refuse_a_misspelling(tree, users, make_member):
    member = make_member(name="Lê Văn Cường")
    _refused(
        lambda: create_seat(
            actor=users["secretary"],
            organization=tree["stc"],
            member=member,
            role="committee",
            is_agencyhead=True,
        ),
        "is_agencyhead",
    )
    assert not CommitteeSeat.objects.exists()
    seat = create_seat(
        actor=users["secretary"], organization=tree["stc"], member=member, role="committee"
    )
    _refused(lambda: update_seat(actor=users["secretary"], seat=seat, rol="secretary"), "rol")
    seat.refresh_from_db()
    assert seat.role == "committee"


def test_update_organization_refuses_a_misspelling(tree, users):
    _refused(
        lambda: update_organization(actor=users["admin"], organization=tree["stc"], nmae="X"),
        "nmae",
    )
    assert Organization.objects.get(pk=tree["stc"].pk).name == tree["stc"].name
