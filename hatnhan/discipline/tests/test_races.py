"""Two bodies deciding at once on one member: the member's row is locked first, so the second
decision sees what the first did (an expelled member is no longer disciplined), and two
corrections of one decision cannot both annul it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hatnhan.core.testing import run_concurrently
from hatnhan.discipline import services
from hatnhan.discipline.models import DisciplineCorrection, DisciplineDecision
from hatnhan.members.models import MemberStatus

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_two_expulsions_at_once(users, tree, full_member):
    def expel(actor, body, number):
        return lambda: services.record_decision(
            actor=actor,
            deciding_body=body,
            number=number,
            decided_on=dt.date(2026, 3, 2),
            form="expulsion",
            reason="Vi phạm nghiêm trọng",
            member=full_member,
        )

    results = run_concurrently(
        expel(users["secretary"], tree["stc"], "1-QĐ"), expel(users["staff"], tree["bloc"], "2-QĐ")
    )
    assert sum(isinstance(r, DisciplineDecision) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    full_member.refresh_from_db()
    assert full_member.status == MemberStatus.EXPELLED
    assert DisciplineDecision.objects.count() == 1


def test_two_annulments_at_once(users, tree, full_member):
    decision = services.record_decision(
        actor=users["secretary"],
        deciding_body=tree["stc"],
        number="3-QĐ",
        decided_on=dt.date(2026, 3, 2),
        form="warning",
        reason="Vi phạm",
        member=full_member,
    )

    def annul(number):
        return lambda: services.correct_decision(
            actor=users["secretary"],
            decision=decision,
            kind="annulment",
            number=number,
            decided_on=dt.date(2026, 4, 1),
            deciding_body=tree["stc"],
            reason="Khiếu nại đúng",
        )

    results = run_concurrently(annul("4-QĐ"), annul("5-QĐ"))
    assert sum(isinstance(r, DisciplineCorrection) for r in results) == 1
    assert DisciplineCorrection.objects.count() == 1
