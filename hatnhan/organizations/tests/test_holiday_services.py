"""The holiday services: audited, the root administrator's alone, a date once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.accounts.services import create_user
from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import run_concurrently, writes_nothing
from hatnhan.organizations.models import Holiday
from hatnhan.organizations.services import add_holiday, change_holiday, remove_holiday

DAY = dt.date(2026, 6, 1)


@pytest.mark.django_db
def test_a_root_administrator_adds_changes_and_removes(tree, users):
    admin = users["admin"]
    holiday = add_holiday(actor=admin, date=DAY, name="  Ngày   nghỉ thử ")
    assert holiday.name == "Ngày nghỉ thử"
    assert change_holiday(actor=admin, holiday=holiday, name="Ngày nghỉ khác")
    assert not change_holiday(actor=admin, holiday=holiday, name="Ngày nghỉ khác")
    remove_holiday(actor=admin, holiday=holiday)
    assert not Holiday.objects.filter(date=DAY).exists()
    actions = list(
        AuditEvent.objects.filter(object_type="organizations.holiday")
        .order_by("seq")
        .values_list("action", "organization_path")
    )
    assert actions == [
        ("holiday.create", tree["bloc"].path),
        ("holiday.update", tree["bloc"].path),
        ("holiday.delete", tree["bloc"].path),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "secretary", "inspector", "member", "sub_admin"])
def test_no_one_else_writes_the_calendar(tree, users, who):
    actor = users.get(who) or create_user(
        actor=None,
        username="stc_admin",
        role="admin",
        organization=tree["stc"],
        password="demo",
        check_password=False,
    )
    existing = Holiday.objects.get(date=dt.date(2026, 4, 30))
    with writes_nothing():
        with pytest.raises(PermissionDenied):
            add_holiday(actor=actor, date=DAY, name="Ngày nghỉ thử")
        with pytest.raises(PermissionDenied):
            change_holiday(actor=actor, holiday=existing, name="Đổi tên")
        with pytest.raises(PermissionDenied):
            remove_holiday(actor=actor, holiday=existing)


@pytest.mark.django_db
def test_a_date_is_listed_once_and_a_name_is_required(tree, users):
    with writes_nothing(), pytest.raises(ValidationError) as caught:
        add_holiday(actor=users["admin"], date=dt.date(2026, 4, 30), name="Trùng")
    assert "đã có trong danh sách" in caught.value.message_dict["date"][0]
    with writes_nothing(), pytest.raises(ValidationError) as caught:
        add_holiday(actor=users["admin"], date=DAY, name="   ")
    assert "name" in caught.value.message_dict


@pytest.mark.django_db(transaction=True)
def test_two_administrators_adding_the_same_day_at_once(tree, users):
    results = run_concurrently(
        lambda: add_holiday(actor=users["admin"], date=DAY, name="Một"),
        lambda: add_holiday(actor=users["admin"], date=DAY, name="Hai"),
    )
    saved = [r for r in results if isinstance(r, Holiday)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert "date" in refused[0].message_dict
    assert Holiday.objects.filter(date=DAY).count() == 1
    assert AuditEvent.objects.filter(action="holiday.create").count() == 1
