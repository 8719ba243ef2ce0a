"""QĐ 69-QĐ/TW (2022, amended 2025) Art. 7: the forms each subject may receive —
organizations khiển trách, cảnh cáo, giải tán; full members khiển trách, cảnh cáo, cách chức,
khai trừ; probationary members khiển trách, cảnh cáo only. Refusals name the field; nothing is
written."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.discipline.models import DisciplineDecision

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize("form", ["dismissal", "expulsion", "dissolution"])
def test_probationary_member_only_reprimand_or_warning(decide, probationary, tree, form):
    """QĐ 69 Art. 7: cách chức (anything beyond cảnh cáo) for a probationary member refused."""
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        decide(member=probationary, form=form, deciding_body=tree["bloc"])
    assert "form" in caught.value.message_dict
    assert "đảng viên dự bị" in caught.value.message_dict["form"][0]
    assert not DisciplineDecision.objects.exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("form", ["reprimand", "warning"])
def test_probationary_member_reprimand_and_warning_allowed(decide, probationary, form):
    """QĐ 69 Art. 7: khiển trách, cảnh cáo apply to a probationary member."""
    decision = decide(member=probationary, form=form)
    assert decision.was_probationary


def test_member_cannot_be_dissolved(decide, full_member, tree):
    """QĐ 69 Art. 7: giải tán is an organization's form, not a member's."""
    with pytest.raises(ValidationError) as caught:
        decide(member=full_member, form="dissolution", deciding_body=tree["bloc"])
    assert "form" in caught.value.message_dict


@pytest.mark.parametrize("form", ["dismissal", "expulsion"])
def test_organization_cannot_be_dismissed_or_expelled(decide, tree, form):
    """QĐ 69 Art. 7: an organization receives khiển trách, cảnh cáo, giải tán only."""
    with pytest.raises(ValidationError) as caught:
        decide(organization=tree["stc_cell"], form=form, deciding_body=tree["bloc"])
    assert "form" in caught.value.message_dict
    assert "tổ chức đảng" in caught.value.message_dict["form"][0]


def test_one_subject_only(decide, full_member, tree):
    """A decision is on a member OR an organization."""
    with pytest.raises(ValidationError) as caught:
        decide(member=full_member, organization=tree["stc_cell"])
    assert "member" in caught.value.message_dict
    with pytest.raises(ValidationError):
        decide()


def test_unknown_form_refused(decide, full_member):
    with pytest.raises(ValidationError) as caught:
        decide(member=full_member, form="exile")
    assert "form" in caught.value.message_dict


def test_expelled_member_cannot_be_disciplined_again(decide, full_member, tree):
    """A member no longer in the party is no longer the organization's to discipline."""
    decide(member=full_member, form="expulsion", deciding_body=tree["stc"])
    with pytest.raises(ValidationError) as caught:
        decide(member=full_member, form="warning")
    assert "member" in caught.value.message_dict


def test_dates_and_text_checked(decide, full_member):
    import datetime as dt

    with pytest.raises(ValidationError) as caught:
        decide(member=full_member, effective_on=dt.date(2026, 3, 1))
    assert "effective_on" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        decide(member=full_member, reason="  ")
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        decide(member=full_member, decided_on=dt.date(2999, 1, 1))
    assert "decided_on" in caught.value.message_dict
