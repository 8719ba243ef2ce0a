"""Journey in a real browser on a phone (390 px), without an account: report an official to
Sở Tài chính (the page's script does its proof of work), keep the receipt code and secret,
follow the report with them and read the agency's answer."""

import re

import pytest

from hatnhan.feedback import services
from hatnhan.feedback.models import FeedbackReport, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_report_follow_and_read_the_answer_on_a_phone(chromium, live_server, users):
    context = chromium.new_context(
        base_url=live_server.url, locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))

    # 1. The public page, no account: what happened, and a contact left on purpose.
    page.goto("/feedback/public/STC/")
    assert "ẩn danh" in page.content()
    page.get_by_label("Nhũng nhiễu, vòi vĩnh").check()
    page.fill("textarea[name=description]", "Cán bộ gợi ý “bồi dưỡng” để nhận hồ sơ.")
    page.fill("input[name=procedure]", "Đăng ký kinh doanh")
    page.fill("input[name=official]", "Quầy số 3")
    page.fill("input[name=reporter_contact]", "0912 345 678")
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/feedback/public/STC/$"))
    page.locator("[data-receipt-secret]").wait_for()
    code = page.locator("[data-receipt-code]").inner_text().strip()
    secret = page.locator("[data-receipt-secret]").inner_text().strip()
    page.screenshot(path="/tmp/feedback-receipt-390.png", full_page=True)
    report = FeedbackReport.objects.get(receipt_code=code)
    # The page's own script did the proof of work: the verified queue.
    assert report.status == Status.RECEIVED
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # 2. The agency triages and answers.
    services.triage_report(actor=users["secretary"], report=report)
    services.answer_report(
        actor=users["secretary"], report=report, answer="Cán bộ quầy số 3 đã bị nhắc nhở."
    )

    # 3. Following it with the code and the secret shows the answer.
    page.goto("/feedback/public/follow/")
    page.fill("input[name=code]", code)
    page.fill("input[name=secret]", secret)
    page.click("form button[type=submit]")
    page.locator("[data-answer]").wait_for()
    assert "Cán bộ quầy số 3 đã bị nhắc nhở." in page.locator("[data-answer]").inner_text()
    assert "Đã trả lời" in page.locator("[data-status]").inner_text()

    # 4. A wrong secret tells nothing.
    page.goto("/feedback/public/follow/")
    page.fill("input[name=code]", code)
    page.fill("input[name=secret]", "SAI-MA")
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "không đúng" in page.content() and "nhắc nhở" not in page.content()
    assert not problems, problems
    context.close()
