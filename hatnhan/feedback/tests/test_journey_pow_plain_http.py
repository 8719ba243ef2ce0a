"""A closed network often serves plain HTTP, where browsers offer no crypto.subtle: the
report page's own SHA-256 still does the proof of work, so the report reaches the normal
queue, not the slower "to verify" one."""

import re

import pytest

from hatnhan.feedback.models import FeedbackReport, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_proof_of_work_without_crypto_subtle(chromium, live_server, tree):
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(30000)
    # What an insecure context looks like to the page: no SubtleCrypto at all.
    context.add_init_script("Object.defineProperty(window.crypto, 'subtle', {value: undefined})")
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto("/feedback/public/STC/")
    assert page.evaluate("window.crypto.subtle") is None
    page.get_by_label("Nhũng nhiễu, vòi vĩnh").check()
    page.fill("textarea[name=description]", "Hồ sơ bị giữ quá hạn mà không có lý do.")
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/feedback/public/STC/$"))
    code = page.locator("[data-receipt-code]").inner_text().strip()
    assert FeedbackReport.objects.get(receipt_code=code).status == Status.RECEIVED
    assert not problems, problems
    context.close()
