"""The briefing duty: who briefs, how often, when it is due (QĐ 138-QĐ/TW 2023, Art. 11)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.briefings import services
from hatnhan.core.testing import writes_nothing
from hatnhan.members.services import create_seat

pytestmark = pytest.mark.django_db


def test_semiannual_by_default(duty):
    """QĐ 138 Art. 11: the head reports every six months unless the organization chooses."""
    assert duty.frequency == "semiannual"
    assert duty.due_days_after_period == 15


def test_default_is_a_setting(settings, users, tree, head):
    """QĐ 138 Art. 11 (many organizations brief monthly in practice): the default is a setting."""
    settings.BRIEFING_DEFAULT_FREQUENCY = "monthly"
    settings.BRIEFING_DUE_DAYS_AFTER_PERIOD = 5
    duty = services.create_duty(
        actor=users["secretary"], organization=tree["stc"], head=head, starts_on=dt.date(2026, 1, 1)
    )
    assert (duty.frequency, duty.due_days_after_period) == ("monthly", 5)


def test_unified_head_recorded_with_the_secretary_seat(users, tree, head):
    """NQ 18-NQ/TW: the secretary who is also the agency head still owes the briefing."""
    seat = create_seat(
        actor=None, member=head, organization=tree["stc"], role="secretary", is_agency_head=True
    )
    duty = services.create_duty(
        actor=users["secretary"], organization=tree["stc"], head=head, starts_on=dt.date(2026, 1, 1)
    )
    assert duty.seat == seat
    assert duty.is_unified


def test_head_outside_the_organization_refused(users, tree, make_member):
    """The head is a member of the organization (or of a cell inside it)."""
    stranger = make_member(tree["syt_cell"], "Người ngoài")
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.create_duty(
            actor=None, organization=tree["stc"], head=stranger, starts_on=dt.date(2026, 1, 1)
        )
    assert "head" in exc.value.message_dict


def test_one_duty_per_organization(duty, users, tree, head):
    with writes_nothing(), pytest.raises(ValidationError) as exc:
        services.create_duty(
            actor=users["secretary"],
            organization=tree["stc"],
            head=head,
            starts_on=dt.date(2026, 1, 1),
        )
    assert "organization" in exc.value.message_dict


def test_other_organization_may_not_set_it(users, tree, head):
    with writes_nothing(), pytest.raises(PermissionDenied):
        services.create_duty(
            actor=users["other"], organization=tree["stc"], head=head, starts_on=dt.date(2026, 1, 1)
        )


def test_frequency_changed_quarterly(duty, users):
    """QĐ 138 Art. 11 as a setting per organization: quarterly for one that chooses it."""
    assert services.update_duty(actor=users["secretary"], duty=duty, frequency="quarterly")
    duty.refresh_from_db()
    assert duty.frequency == "quarterly"
    with pytest.raises(ValidationError):
        services.update_duty(actor=users["secretary"], duty=duty, frequency="weekly")
