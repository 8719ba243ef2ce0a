"""Who may decide which form on which subject. REGULATIONS.md §3 confirms the forms, not the
competence: the levels are settings (DISCIPLINE_MEMBER_LEVELS, DISCIPLINE_ORGANIZATION_LEVELS);
the deciding body always stands over the subject, and the recorder holds a deciding role there
(core.restrict DISCIPLINE: committees and the inspection committee)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.accounts.services import create_user

pytestmark = [pytest.mark.django_db]


def test_inspection_committee_records_a_warning(decide, users, full_member, tree):
    """The inspection committee (role `inspector`, read-only elsewhere) decides discipline."""
    decision = decide(actor=users["inspector"], member=full_member, form="warning")
    assert decision.deciding_body == tree["stc"]


@pytest.mark.parametrize("who", ["member", "other"])
def test_no_deciding_role_refused(decide, users, full_member, who):
    """A plain member, or another organization's secretary, decides nothing here."""
    with pytest.raises(PermissionDenied):
        decide(actor=users[who], member=full_member)


def test_body_must_stand_over_the_subject(decide, users, tree, make_member):
    """SYT's committee has no say over an STC member: named by the bloc's staff, the body is
    refused; SYT's own secretary does not even find the member."""
    stc_member = make_member(tree["stc_cell"], "Võ Văn Ngoài")
    with pytest.raises(ValidationError) as caught:
        decide(actor=users["staff"], deciding_body=tree["syt"], member=stc_member)
    assert "deciding_body" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        decide(actor=users["other"], deciding_body=tree["syt"], member=stc_member)
    assert "member" in caught.value.message_dict


def test_organization_disciplined_from_above_only(decide, users, tree):
    """Default setting: an organization's discipline is decided one level above it at least."""
    with pytest.raises(ValidationError) as caught:
        decide(organization=tree["stc"], form="warning")
    assert "deciding_body" in caught.value.message_dict
    assert decide(organization=tree["stc_cell"], form="warning").deciding_body == tree["stc"]


def test_dissolution_level_is_a_setting(decide, tree, settings):
    """Giải tán by the level the setting names (unconfirmed in REGULATIONS.md): at 2 levels the
    grassroots committee may not dissolve its own cell, the bloc may."""
    settings.DISCIPLINE_ORGANIZATION_LEVELS = {"dissolution": 2}
    with pytest.raises(ValidationError) as caught:
        decide(organization=tree["stc_cell"], form="dissolution")
    assert "deciding_body" in caught.value.message_dict
    decide(organization=tree["stc_cell"], form="dissolution", deciding_body=tree["bloc"])


def test_expulsion_level_is_a_setting(decide, tree, make_member, settings):
    """Default: khai trừ from one level above the member's organization; 0 lets the cell."""
    member = make_member(tree["stc_cell"], "Đinh Văn Một", full_membership_date=dt.date(2012, 1, 1))
    cell_secretary = create_user(
        actor=None,
        username="cell_secretary",
        role="secretary",
        organization=tree["stc_cell"],
        password="demo",
        check_password=False,
    )
    with pytest.raises(ValidationError):
        decide(
            actor=cell_secretary, deciding_body=tree["stc_cell"], member=member, form="expulsion"
        )
    settings.DISCIPLINE_MEMBER_LEVELS = {"expulsion": 0}
    decide(actor=cell_secretary, deciding_body=tree["stc_cell"], member=member, form="expulsion")
