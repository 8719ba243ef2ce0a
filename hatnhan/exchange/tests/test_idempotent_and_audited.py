"""Re-importing changes nothing; an updated file changes only the changed fields, and the
audit trail shows each change."""

import datetime as dt

import pytest

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import writes_nothing
from hatnhan.members.models import Member, MemberTransfer
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization

from .sheets import row, simple

pytestmark = pytest.mark.django_db


def _sheet(**changes):
    first = {"post": "Chuyên viên"} | changes
    return simple(
        row(1, "Nguyễn Văn An", "1001", **first),
        row(
            2, "Lê Thị Hoa", "1002", gender="Nữ", born="15/08/1988", joined="02/09/2015", full=None
        ),
    )


def test_reimporting_the_same_file_changes_nothing(do_import, plan_for):
    do_import(_sheet())
    before = list(Member.objects.values())
    events = AuditEvent.objects.count()
    plan = plan_for(_sheet())
    assert plan.counts() | {} == {
        "rows": 2,
        "create": 0,
        "update": 0,
        "unchanged": 2,
        "conflict": 0,
        "new_cells": 0,
        "errors": 0,
    }
    from hatnhan.exchange.services import apply_import

    result = apply_import(actor=None, plan=plan)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert list(Member.objects.values()) == before
    # Not a single event: a run that changes nothing leaves no trace.
    assert AuditEvent.objects.count() == events


def test_updated_file_updates_changed_fields_only_and_audits_each(do_import, plan_for):
    do_import(_sheet())
    an = Member.objects.get(party_card_number="1001")
    untouched = Member.objects.get(party_card_number="1002")
    untouched_updated_at = untouched.updated_at
    plan = plan_for(_sheet(post="Phó Trưởng phòng", joined="03/04/2004"))
    [update] = plan.updates
    assert set(update.changes) == {"post", "probationary_date"}
    assert update.changes["post"] == ("Chuyên viên", "Phó Trưởng phòng")
    from hatnhan.exchange.services import apply_import

    result = apply_import(actor=None, plan=plan)
    assert (result.updated, result.unchanged) == (1, 1)
    an.refresh_from_db()
    assert an.post == "Phó Trưởng phòng" and an.probationary_date == dt.date(2004, 4, 3)
    event = AuditEvent.objects.filter(action="member.update", object_id=str(an.pk)).get()
    assert event.before["post"] == "Chuyên viên" and event.after["post"] == "Phó Trưởng phòng"
    assert event.before["probationary_date"] == "2005-05-19"
    assert event.after["probationary_date"] == "2004-04-03"
    untouched.refresh_from_db()
    assert untouched.updated_at == untouched_updated_at


def test_blank_cells_never_erase_stored_data(do_import, plan_for, tree):
    do_import(_sheet())
    plan = plan_for(
        simple(
            row(
                1,
                "Nguyễn Văn An",
                "1001",
                born=None,
                gender=None,
                joined=None,
                full=None,
                cell=None,
            )
        )
    )
    assert plan.counts()["unchanged"] == 1
    assert Member.objects.get(party_card_number="1001").date_of_birth == dt.date(1980, 1, 2)


def test_new_cell_in_the_file_moves_the_member_by_transfer(do_import, tree):
    do_import(_sheet())
    other = create_organization(
        actor=None,
        code="STC-TT",
        name="Chi bộ Thanh tra",
        kind=OrganizationKind.CELL,
        parent=tree["stc"],
    )
    _plan, result = do_import(
        simple(row(1, "Nguyễn Văn An", "1001", post="Chuyên viên", cell="Chi bộ Thanh tra"))
    )
    assert result.updated == 1
    an = Member.objects.get(party_card_number="1001")
    assert an.organization == other
    transfer = MemberTransfer.objects.get(member=an)
    assert transfer.from_organization == tree["stc_cell"]


def test_create_cells_creates_missing_cells_once(do_import, tree):
    data = simple(
        row(1, "Nguyễn Văn An", "1001", cell="Chi bộ Phòng Thanh tra"),
        row(2, "Lê Văn Bảo", "1002", cell="CHI BỘ PHÒNG THANH TRA"),
        row(3, "Trần Văn Cường", "1003", cell="Chi bộ Văn phòng Sở"),
    )
    _plan, result = do_import(data, create_cells=True)
    assert result.cells_created == 2
    an, bao = (Member.objects.get(party_card_number=c) for c in ("1001", "1002"))
    assert an.organization == bao.organization
    assert an.organization.parent == tree["stc"]
    assert an.organization.kind == OrganizationKind.CELL
    assert an.organization.name == "Chi bộ Phòng Thanh tra"
    assert AuditEvent.objects.filter(
        action="organization.create", object_id=str(an.organization.pk)
    ).exists()
    # A second run finds the cells it made.
    _plan, result = do_import(data, create_cells=True)
    assert (result.cells_created, result.unchanged) == (0, 3)


def test_import_by_a_committee_member_is_audited_under_their_name(do_import, users):
    _plan, result = do_import(_sheet(), actor=users["committee"])
    assert result.created == 2
    events = AuditEvent.objects.filter(action="member.create", actor=users["committee"])
    assert events.count() == 2
    run = AuditEvent.objects.get(action="members.import")
    assert run.actor == users["committee"]
    assert run.after["created"] == 2 and run.after["file"] == "list.xlsx"


def test_an_inspector_cannot_import(plan_for, users):
    from django.core.exceptions import PermissionDenied

    with writes_nothing(), pytest.raises(PermissionDenied):
        plan_for(_sheet(), actor=users["inspector"])


def test_another_organizations_secretary_cannot_import_into_stc(plan_for, users):
    from django.core.exceptions import PermissionDenied

    with writes_nothing(), pytest.raises(PermissionDenied):
        plan_for(_sheet(), actor=users["other"])
