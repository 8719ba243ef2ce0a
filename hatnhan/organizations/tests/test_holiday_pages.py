"""/settings/holidays/: the root administrator lists the calendar by year, adds, corrects and
removes days; anyone else signed in is refused 403 and nothing is written."""

import datetime as dt

import pytest
from django.urls import reverse

from hatnhan.accounts.services import create_user
from hatnhan.core.testing import writes_nothing
from hatnhan.organizations.models import Holiday

pytestmark = pytest.mark.django_db

LIST = "/settings/holidays/"


@pytest.fixture
def root_admin(client, users):
    client.force_login(users["admin"])
    return client


def test_the_list_shows_one_year(root_admin):
    page = root_admin.get(LIST, {"year": 2026}).content.decode()
    assert "30/04/2026" in page
    assert "Tết Nguyên đán (mùng 1)" in page
    assert "01/01/2027" not in page
    assert "?year=2027" in page  # the other years are a click away


def test_the_list_reads_a_constant_number_of_queries(root_admin, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        root_admin.get(LIST, {"year": 2026})
    Holiday.objects.bulk_create(
        Holiday(date=dt.date(2026, 6, 1) + dt.timedelta(days=i), name=f"Thử {i}") for i in range(30)
    )
    with django_assert_max_num_queries(12):
        root_admin.get(LIST, {"year": 2026})


def test_add_edit_and_remove(root_admin):
    response = root_admin.post(
        reverse("holidays:create"), {"date": "01/06/2026", "name": "Ngày nghỉ thử"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2026")
    holiday = Holiday.objects.get(date=dt.date(2026, 6, 1))
    assert holiday.name == "Ngày nghỉ thử"
    response = root_admin.post(
        reverse("holidays:edit", args=[holiday.pk]), {"date": "02/06/2026", "name": "Đổi ngày"}
    )
    assert response.status_code == 302
    holiday.refresh_from_db()
    assert (holiday.date, holiday.name) == (dt.date(2026, 6, 2), "Đổi ngày")
    assert root_admin.get(reverse("holidays:remove", args=[holiday.pk])).status_code == 200
    root_admin.post(reverse("holidays:remove", args=[holiday.pk]))
    assert not Holiday.objects.filter(pk=holiday.pk).exists()


def test_a_day_already_listed_is_refused_on_the_form(root_admin):
    with writes_nothing():
        response = root_admin.post(
            reverse("holidays:create"), {"date": "30/04/2026", "name": "Trùng"}
        )
    assert response.status_code == 200
    assert "đã có trong danh sách" in " ".join(response.context["form"].errors["date"])


def test_an_unknown_holiday_is_404(root_admin):
    assert root_admin.get(reverse("holidays:edit", args=[999999])).status_code == 404


@pytest.mark.parametrize("who", ["staff", "secretary", "inspector", "member", "other", "sub"])
def test_anyone_else_is_refused(client, tree, users, who):
    user = users.get(who) or create_user(
        actor=None,
        username="stc_admin",
        role="admin",
        organization=tree["stc"],
        password="demo",
        check_password=False,
    )
    client.force_login(user)
    holiday = Holiday.objects.get(date=dt.date(2026, 4, 30))
    with writes_nothing():
        assert client.get(LIST).status_code == 403
        assert (
            client.post(reverse("holidays:create"), {"date": "01/06/2026", "name": "X"}).status_code
            == 403
        )
        edit = reverse("holidays:edit", args=[holiday.pk])
        assert client.post(edit, {"date": "01/06/2026", "name": "X"}).status_code == 403
        assert client.post(reverse("holidays:remove", args=[holiday.pk])).status_code == 403
    assert "/settings/holidays/" not in client.get("/").content.decode()


def test_the_menu_links_the_calendar_for_the_root_administrator(root_admin):
    assert 'href="/settings/holidays/"' in root_admin.get("/").content.decode()
