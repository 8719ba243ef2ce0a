"""Exports: the import template's columns, Vietnamese headers, real date cells shown
dd/mm/yyyy, Vietnamese name order — and the file imports back with no change."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from hatnhan.audit.models import AuditEvent
from hatnhan.exchange.exports import export_members, template_workbook
from hatnhan.exchange.readers import COLUMNS
from hatnhan.exchange.services import apply_import
from hatnhan.members.models import Gender, Member, MemberStatus
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(tree, make_member):
    """Members with every field filled in some way, in two cells, in an unsorted order."""
    second = create_organization(
        actor=None,
        code="STC-VP",
        name="Chi bộ Văn phòng Sở",
        kind=OrganizationKind.CELL,
        parent=tree["stc"],
    )
    make_member(
        tree["stc_cell"],
        "Trần Văn Bình",
        party_card_number="0012345",
        gender=Gender.MALE,
        post="Trưởng phòng",
        email="binh@stc.gov.vn",
        phone="0912345678",
        full_membership_date=dt.date(2006, 5, 19),
    )
    make_member(
        second,
        "Nguyễn Thị Ánh",
        party_card_number="2002",
        gender=Gender.FEMALE,
        date_of_birth=dt.date(1990, 12, 31),
        probationary_date=dt.date(2024, 2, 29),
    )
    make_member(tree["stc_cell"], "Lê Văn An", party_card_number="2003", status=MemberStatus.EXEMPT)
    make_member(
        second, "Đỗ Văn Đức", party_card_number="2004", date_of_birth=None, probationary_date=None
    )
    make_member(tree["stc_cell"], "Âu Thị Ân", party_card_number="2005")
    make_member(tree["syt_cell"], "Phạm Văn Ngoài", party_card_number="9999")
    return second


def _export(organization) -> bytes:
    members = Member.objects.filter(organization__path__startswith=organization.path)
    return export_members(members.select_related("organization").order_by("sort_key", "id")).read()


def test_export_has_the_template_columns_and_vietnamese_order(tree, varied):
    ws = load_workbook(io.BytesIO(_export(tree["stc"]))).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [c.header for c in COLUMNS]
    names = [r[0] for r in rows[1:]]
    # By given name, in the Vietnamese alphabet (a < ă < â, d < đ): An < Ánh < Ân < Bình < Đức.
    assert names == ["Lê Văn An", "Nguyễn Thị Ánh", "Âu Thị Ân", "Trần Văn Bình", "Đỗ Văn Đức"]


def test_dates_are_real_date_cells_shown_day_first(tree, varied):
    ws = load_workbook(io.BytesIO(_export(tree["stc"]))).active
    header = [c.value for c in ws[1]]
    names = [c.value for c in ws["A"]]
    born = ws.cell(row=names.index("Nguyễn Thị Ánh") + 1, column=header.index("Ngày sinh") + 1)
    assert born.is_date and born.value.date() == dt.date(1990, 12, 31)
    assert born.number_format == "DD/MM/YYYY"
    card = ws.cell(
        row=names.index("Trần Văn Bình") + 1, column=header.index("Số thẻ đảng viên") + 1
    )
    assert card.value == "0012345"  # text: leading zeros kept


def test_round_trip_export_then_import_changes_nothing(tree, varied, plan_for):
    data = _export(tree["stc"])
    before = list(Member.objects.order_by("pk").values())
    last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    plan = plan_for(data)
    assert not plan.errors, [str(e) for e in plan.errors]
    assert plan.counts()["unchanged"] == 5
    assert plan.counts()["create"] == plan.counts()["update"] == 0
    apply_import(actor=None, plan=plan)
    assert list(Member.objects.order_by("pk").values()) == before
    assert not AuditEvent.objects.filter(id__gt=last_event).exists()


def test_round_trip_into_an_empty_database_recreates_the_members(tree, varied, plan_for):
    data = _export(tree["stc"])
    expected = {
        m.party_card_number: m
        for m in Member.objects.filter(organization__path__startswith=tree["stc"].path)
    }
    Member.objects.filter(organization__path__startswith=tree["stc"].path).delete()
    plan = plan_for(data)
    apply_import(actor=None, plan=plan)
    for card, old in expected.items():
        new = Member.objects.get(party_card_number=card)
        for field in (
            "full_name",
            "date_of_birth",
            "gender",
            "probationary_date",
            "full_membership_date",
            "post",
            "status",
            "email",
            "phone",
            "organization_id",
        ):
            assert getattr(new, field) == getattr(old, field), (card, field)


def test_export_is_vietnamese_whatever_the_language(tree, varied):
    from django.utils import translation

    with translation.override("en"):
        ws = load_workbook(io.BytesIO(_export(tree["stc"]))).active
    assert ws["A1"].value == "Họ và tên"
    assert "Miễn sinh hoạt" in [c.value for c in ws[2]]


def test_blank_template_has_columns_and_instructions(plan_for):
    wb = load_workbook(template_workbook())
    assert wb.sheetnames == ["Danh sách đảng viên", "Hướng dẫn"]
    assert [c.value for c in wb.active[1]] == [c.header for c in COLUMNS]
    guide = "\n".join(str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value)
    for column in COLUMNS:
        assert column.header in guide
    assert "Nam, Nữ" in guide and "ngày/tháng/năm" in guide
    # Filled in, the template imports.
    ws = wb.active
    ws.append(
        ["Nguyễn Văn An", "05/03/1980", "Nam", "1001", "19/05/2005", None, "Chi bộ Phòng Ngân sách"]
    )
    out = io.BytesIO()
    wb.save(out)
    plan = plan_for(out.getvalue())
    assert not plan.errors and plan.counts()["create"] == 1
