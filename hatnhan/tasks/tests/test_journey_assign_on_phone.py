"""Journey in a real browser, on a 390 px phone: bloc staff, whose people are too many to
list, opens "Giao nhiệm vụ", finds the owner by typing a name without diacritics before any
organization is chosen, then chooses the organization: the pickers reload for it and the
owner stays chosen. The task is assigned to that member; the form fits the screen (a
screenshot goes to /tmp/assign_form_390.png for review); no script error."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hatnhan.tasks.models import Task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_assign_on_a_phone_owner_first(phone, settings, tree, users, make_member):
    settings.PICKER_MAX_OPTIONS = 1  # a search box even inside one grassroots organization
    binh = users["member"].member
    make_member(tree["stc_cell"], "Lê Văn Cường")
    make_member(tree["syt_cell"], "Trần Thị Bích")
    page = phone("staff")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto("/tasks/new/")
    owner = page.locator("#id_owner")
    page.locator("input.picker-search[data-picker-target=id_owner]").fill("tran thi binh")
    expect(owner).to_have_value(str(binh.pk))

    page.locator("#id_organization").select_option(str(tree["stc"].pk))
    # The pickers now ask inside the organization, and the owner is still the one chosen.
    expect(page.locator("input.picker-search[data-picker-target=id_owner]")).to_have_attribute(
        "data-picker-url", f"/members/pick/active/?organization={tree['stc'].pk}"
    )
    expect(owner).to_have_value(str(binh.pk))

    due = timezone.localdate() + dt.timedelta(days=14)
    page.locator("#id_title").fill("Niêm yết thủ tục tại bộ phận một cửa")
    page.locator("#id_expected_result").fill("45 thủ tục niêm yết đủ")
    page.locator("#id_due_date").fill(f"{due:%d/%m/%Y}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] == 390, width
    page.screenshot(path="/tmp/assign_form_390.png", full_page=True)
    page.locator("form.form-page button.btn-primary").click()
    page.wait_for_url("**/tasks/*/")

    task = Task.objects.get(title="Niêm yết thủ tục tại bộ phận một cửa")
    assert task.owner == binh and task.organization == tree["stc"]
    assert task.due_date == due
    assert not problems, problems
