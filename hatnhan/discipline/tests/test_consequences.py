"""The consequence of a decision is recorded by the same service, atomically and audited:
khai trừ expels the member (members.MemberStatus.EXPELLED, seats ended, account closed as
deactivation does); cách chức ends the seat it removes (it needs one); giải tán marks the
organization and its subtree inactive (QĐ 69-QĐ/TW Art. 7's forms)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token

from hatnhan.accounts.models import AccountSession, Role
from hatnhan.accounts.services import api_token, create_user
from hatnhan.audit.models import AuditEvent
from hatnhan.discipline import services
from hatnhan.discipline.models import DisciplineDecision
from hatnhan.members.models import MemberStatus
from hatnhan.members.services import create_seat

pytestmark = [pytest.mark.django_db]


def test_expulsion_expels_and_closes_the_account(decide, full_member, tree, client):
    """Khai trừ: status expelled, every seat ended, the account's roles, sessions and token
    gone and the account inactive — one transaction, each change audited."""
    seat = create_seat(
        actor=None, organization=tree["stc_cell"], member=full_member, role="committee"
    )
    account = create_user(
        actor=None,
        username="chinh",
        role="member",
        organization=tree["stc_cell"],
        member=full_member,
        password="demo",
        check_password=False,
    )
    api_token(actor=None, user=account)
    client.force_login(account)
    assert AccountSession.objects.filter(user_id=account.pk).exists()
    decide(member=full_member, form="expulsion", effective_on=dt.date(2026, 3, 5))
    full_member.refresh_from_db()
    seat.refresh_from_db()
    account.refresh_from_db()
    assert full_member.status == MemberStatus.EXPELLED
    assert seat.end_date == dt.date(2026, 3, 5)
    assert not account.is_active
    assert not Role.objects.filter(user=account).exists()
    assert not AccountSession.objects.filter(user_id=account.pk).exists()
    assert not Token.objects.filter(user=account).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "discipline.create",
        "member.update",
        "seat.update",
        "role.revoke",
        "user.deactivate",
    } <= actions


def test_dismissal_ends_the_seat(decide, full_member, tree):
    """Cách chức ends the seat (counted from that seat's organization: STC for a cell seat)."""
    seat = create_seat(
        actor=None, organization=tree["stc_cell"], member=full_member, role="secretary"
    )
    decision = decide(member=full_member, form="dismissal")
    seat.refresh_from_db()
    assert decision.seat == seat and seat.end_date == decision.effective_on
    full_member.refresh_from_db()
    assert full_member.status == MemberStatus.ACTIVE


def test_dismissal_needs_a_post(decide, full_member):
    """Cách chức of a member holding no seat is refused on the form."""
    with pytest.raises(ValidationError) as caught:
        decide(member=full_member, form="dismissal")
    assert "form" in caught.value.message_dict
    assert not DisciplineDecision.objects.exists()


def test_dismissal_of_one_of_many_seats_asks_which(decide, full_member, tree):
    create_seat(actor=None, organization=tree["stc_cell"], member=full_member, role="committee")
    second = create_seat(actor=None, organization=tree["stc"], member=full_member, role="committee")
    with pytest.raises(ValidationError) as caught:
        decide(member=full_member, form="dismissal", deciding_body=tree["bloc"])
    assert "seat" in caught.value.message_dict
    decide(member=full_member, form="dismissal", deciding_body=tree["bloc"], seat=second)
    second.refresh_from_db()
    assert second.end_date is not None


def test_dissolution_marks_the_subtree_inactive(decide, tree, users):
    """Giải tán: the organization and everything below it no longer active; roles held there
    reach nothing any more."""
    from hatnhan.core.restrict import VIEW
    from hatnhan.members.models import Member

    decide(organization=tree["stc"], form="dissolution", deciding_body=tree["bloc"])
    for key in ("stc", "stc_cell"):
        tree[key].refresh_from_db()
        assert not tree[key].is_active
    assert not Member.objects.restrict(users["secretary"], VIEW).exists()


def test_nothing_half_written(decide, full_member, tree, monkeypatch):
    """A consequence that fails takes the decision with it."""

    def broken(**kwargs):
        raise ValidationError({"member": ["hỏng"]})

    monkeypatch.setattr(services, "set_decided_status", broken)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        decide(member=full_member, form="expulsion")
    assert not DisciplineDecision.objects.exists()
    assert AuditEvent.objects.count() == events
    full_member.refresh_from_db()
    assert full_member.status == MemberStatus.ACTIVE
