"""Journey in a real browser: a secretary assigns a task from an organization whose members
are too many to list. Typing part of a name without diacritics asks the server for the
matches; the one found is chosen, and the task is created for that member."""

import datetime as dt

import pytest

from hatnhan.tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_a_name_finds_and_picks_from_a_long_list(
    page, login, tree, users, make_member, settings
):
    settings.PICKER_MAX_OPTIONS = 3
    for i in range(5):
        make_member(tree["stc_cell"], f"Trần Văn Đông {i}")
    wanted = make_member(tree["stc_cell"], "Nguyễn Quang Tùng")
    login("stc_secretary")
    page.goto(f"{page.base_url}/tasks/new/?organization={tree['stc'].pk}")
    owner = page.locator("#id_owner")
    assert owner.locator("option[value]:not([value=''])").count() == 0
    page.select_option("#id_organization", str(tree["stc"].pk))
    page.wait_for_load_state("networkidle")
    page.locator('input[name="owner__q"]').fill("tung nguyen")
    page.wait_for_function(
        "(v) => document.querySelector('#id_owner').value === v", arg=str(wanted.pk)
    )
    page.fill("#id_title", "Rà soát hồ sơ đảng viên")
    page.fill("#id_expected_result", "Báo cáo rà soát")
    page.fill("#id_due_date", (dt.date.today() + dt.timedelta(days=20)).strftime("%d/%m/%Y"))
    page.locator("form.form-page button.btn-primary").click()
    page.wait_for_url("**/tasks/*/")
    assert Task.objects.get(title="Rà soát hồ sơ đảng viên").owner == wanted
