"""Journey in a real browser: the agency head files a briefing on a phone, the secretary
acknowledges it with a conclusion and turns the conclusion into a task that appears on the
board (QĐ 138-QĐ/TW 2023, Art. 11: the head informs, the committee concludes)."""

import datetime as dt

import pytest
from django.utils import timezone

from hatnhan.accounts.services import create_user
from hatnhan.briefings import services
from hatnhan.briefings.models import Briefing
from hatnhan.tasks.models import Task
from hatnhan.tasks.tests.test_journey_assign_report_accept import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_files_secretary_acknowledges_conclusion_becomes_task(
    chromium, page, users, tree, make_member
):
    head = make_member(tree["stc"], "Phạm Văn Hải", post="Giám đốc Sở Tài chính")
    head_user = create_user(
        actor=None,
        username="stc_head",
        role="member",
        organization=tree["stc"],
        member=head,
        password="demo",
        check_password=False,
    )
    duty = services.create_duty(
        actor=users["secretary"], organization=tree["stc"], head=head, starts_on=dt.date(2025, 1, 1)
    )
    owner = users["member"].member

    # The head, on a phone.
    page.set_viewport_size(PHONE)
    sign_in(page, head_user)
    page.goto(f"/briefings/duties/{duty.pk}/")
    page.click("#file-briefing")
    page.fill("#id_results", "Thu ngân sách đạt 104% dự toán; 98% hồ sơ đúng hạn.")
    page.fill("#id_proposals", "Đề nghị cấp ủy chỉ đạo đẩy nhanh giải ngân.")
    page.click("button[type=submit]")
    page.wait_for_url("**/briefings/*/")
    assert "Đã báo cáo, chờ cấp ủy ghi nhận" in page.inner_text("#status")
    page.screenshot(path="/tmp/brief_phone.png", full_page=True)
    briefing = Briefing.objects.get()
    assert briefing.submitted_by == head_user and not briefing.on_behalf

    # The secretary, in another browser.
    context = chromium.new_context(
        base_url=page.base_url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15000)
    desk = context.new_page()
    desk.base_url = page.base_url
    sign_in(desk, users["secretary"])
    desk.goto("/")
    assert desk.locator("#home-briefings").is_visible()
    desk.screenshot(path="/tmp/brief_home.png", full_page=True)
    desk.goto(f"/briefings/{briefing.pk}/")
    desk.fill("#id_conclusions", "Đẩy nhanh giải ngân vốn đầu tư công")
    desk.click("#acknowledge")
    desk.wait_for_selector("#conclusions")
    desk.click("#conclusions a.btn")
    desk.select_option("#id_owner", str(owner.pk))
    desk.fill("#id_expected_result", "Giải ngân đạt 95% kế hoạch")
    desk.fill("#id_due_date", (timezone.localdate() + dt.timedelta(days=30)).strftime("%d/%m/%Y"))
    desk.click("button[type=submit]")
    desk.wait_for_url("**/tasks/*/")
    task = Task.objects.get(source_ref=briefing.ref)
    assert task.source_kind == "briefing" and task.owner == owner
    desk.goto("/tasks/board/")
    assert desk.get_by_text("Đẩy nhanh giải ngân vốn đầu tư công").first.is_visible()
    desk.screenshot(path="/tmp/brief_board.png")
    context.close()
