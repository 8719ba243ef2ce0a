"""A decision is annulled or amended only by a recorded correction (a later decision of its
body or of one above it); never edited in place (no PATCH, no update service)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.discipline import services
from hatnhan.discipline.models import DecisionStatus, DisciplineCorrection
from hatnhan.members.models import MemberStatus

pytestmark = [pytest.mark.django_db]

LATER = dt.date(2026, 4, 1)


def _correct(decision, users, tree, **values):
    values.setdefault("actor", users["secretary"])
    values.setdefault("deciding_body", tree["stc"])
    values.setdefault("kind", "amendment")
    values.setdefault("number", "10-QĐ/ĐU")
    values.setdefault("decided_on", LATER)
    values.setdefault("reason", "Xem xét lại theo khiếu nại")
    return services.correct_decision(decision=decision, **values)


def test_amendment_recorded_with_what_it_changed(decide, full_member, users, tree):
    decision = decide(member=full_member, form="reprimand")
    correction = _correct(decision, users, tree, form="warning", decision_reason="Lý do mới")
    decision.refresh_from_db()
    assert decision.form == "warning" and decision.reason == "Lý do mới"
    assert correction.changes["form"] == ["reprimand", "warning"]
    assert AuditEvent.objects.filter(action="discipline.amend").exists()


def test_annulment_of_an_expulsion_gives_the_status_back(decide, full_member, users, tree):
    decision = decide(member=full_member, form="expulsion")
    _correct(decision, users, tree, kind="annulment")
    decision.refresh_from_db()
    full_member.refresh_from_db()
    assert decision.status == DecisionStatus.ANNULLED
    assert full_member.status == MemberStatus.ACTIVE


def test_annulled_decision_is_not_corrected_again(decide, full_member, users, tree):
    decision = decide(member=full_member)
    _correct(decision, users, tree, kind="annulment")
    with pytest.raises(ValidationError) as caught:
        _correct(decision, users, tree, kind="annulment", number="11-QĐ/ĐU")
    assert "decision" in caught.value.message_dict


def test_amendment_into_a_consequence_refused(decide, full_member, users, tree):
    """Moving to khai trừ (or out of it) would change the member's status unrecorded: annul,
    then decide anew."""
    decision = decide(member=full_member, form="warning")
    with pytest.raises(ValidationError) as caught:
        _correct(decision, users, tree, form="expulsion")
    assert "form" in caught.value.message_dict
    assert not DisciplineCorrection.objects.exists()


def test_amendment_keeps_the_probationary_rule(decide, probationary, users, tree):
    """QĐ 69 Art. 7 as the subject was when decided."""
    decision = decide(member=probationary, form="reprimand")
    with pytest.raises(ValidationError) as caught:
        _correct(decision, users, tree, form="dismissal")
    assert "form" in caught.value.message_dict


def test_only_the_body_or_one_above_corrects(decide, tree, users, make_member):
    """A cell does not correct its grassroots committee's decision."""
    from hatnhan.accounts.services import create_user

    member = make_member(tree["stc_cell"], "Mai Văn Sửa")
    decision = decide(member=member)
    cell = create_user(
        actor=None,
        username="cell_sec",
        role="secretary",
        organization=tree["stc_cell"],
        password="demo",
        check_password=False,
    )
    with pytest.raises(ValidationError) as caught:
        _correct(decision, users, tree, actor=cell, deciding_body=tree["stc_cell"], form="warning")
    assert "deciding_body" in caught.value.message_dict
    _correct(
        decision, users, tree, actor=users["staff"], deciding_body=tree["bloc"], form="warning"
    )


def test_an_amendment_must_change_something(decide, full_member, users, tree):
    decision = decide(member=full_member)
    with pytest.raises(ValidationError):
        _correct(decision, users, tree)


def test_no_edit_through_the_api(decide, full_member, users, client):
    decision = decide(member=full_member)
    client.force_login(users["secretary"])
    response = client.patch(
        f"/api/v1/discipline/{decision.pk}/", {"form": "warning"}, content_type="application/json"
    )
    assert response.status_code == 405
    assert not hasattr(services, "update_decision")
