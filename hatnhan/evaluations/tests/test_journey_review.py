"""Journey in a real browser: a member self-assesses on a phone, the committee reviews and
decides, the round is locked, and the Mẫu 01 report downloads and python-docx reads it back."""

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest

from hatnhan.accounts.testing import browser_sign_in
from hatnhan.evaluations.models import Evaluation
from hatnhan.evaluations.tests.conftest import YEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def browser(chromium, live_server, username: str, *, phone: bool):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport=PHONE if phone else {"width": 1280, "height": 900},
        is_mobile=phone,
        has_touch=phone,
        accept_downloads=True,
    )
    context.set_default_timeout(15000)
    return browser_sign_in(context.new_page(), username)


def test_self_assess_review_decide_lock_and_download(
    chromium, live_server, users, make_task, make_round, compute
):
    bob = users["member"].member
    make_task(bob, dt.date(YEAR, 3, 1), outcome="exceeded")
    make_task(bob, dt.date(YEAR, 5, 1))
    round = compute(make_round())
    row = round.evaluations.get(member=bob)
    problems: list[str] = []

    # 1. The member, on a phone, finds their row and self-assesses.
    member = browser(chromium, live_server, users["member"].get_username(), phone=True)
    member.on("pageerror", lambda e: problems.append(str(e)))
    member.goto("/evaluations/")
    member.click(f"#my-rows a[href='/evaluations/rows/{row.pk}/']")
    member.wait_for_url(re.compile(rf"/evaluations/rows/{row.pk}/$"))
    assert member.locator("#explanation li").count() > 0
    member.click("#self-assess")
    member.select_option("select[name=self_form]", "2B")
    member.fill("textarea[name=strengths]", "Hoàn thành đúng hạn các nhiệm vụ được giao.")
    member.fill("textarea[name=weaknesses]", "Có lúc chưa chủ động báo cáo tiến độ.")
    member.fill("input[name=general_score]", "27")
    member.select_option("select[name=level]", "excellent")
    member.click("form.form-page button[type=submit]")
    member.wait_for_url(re.compile(rf"/evaluations/rows/{row.pk}/$"))
    row.refresh_from_db()
    assert row.self_general_score == 27
    assert row.stage == "self_assessed"

    # 2. The committee reviews and decides.
    committee = browser(chromium, live_server, users["committee"].get_username(), phone=False)
    committee.on("pageerror", lambda e: problems.append(str(e)))
    committee.goto(f"/evaluations/rounds/{round.pk}/")
    committee.click(f"#rows a[href='/evaluations/rows/{row.pk}/']")
    committee.click("#review")
    committee.fill("input[name=general_score]", "28")
    committee.fill("textarea[name=comment]", "Gương mẫu, trách nhiệm.")
    committee.click("form.form-page button[type=submit]")
    committee.wait_for_url(re.compile(rf"/evaluations/rows/{row.pk}/$"))
    assert "Hoàn thành xuất sắc" in committee.locator("#proposed").inner_text()
    committee.click("#decide")
    committee.select_option("select[name=final_level]", "excellent")
    committee.click("form.form-page button[type=submit]")
    committee.wait_for_url(re.compile(rf"/evaluations/rows/{row.pk}/$"))
    assert Evaluation.objects.get(pk=row.pk).final_level == "excellent"

    # 3. The round is locked.
    committee.goto(f"/evaluations/rounds/{round.pk}/")
    committee.click("#lock")
    committee.wait_for_load_state("networkidle")
    round.refresh_from_db()
    assert round.is_locked
    assert "Đã chốt" in committee.locator("#round-status").inner_text()

    # 4. Mẫu 01 downloads and reads back.
    with committee.expect_download() as info:
        committee.click("#docx")
    document = docx.Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Mẫu 01" in text
    assert "Trần Thị Bình" in cells
    assert "Hoàn thành xuất sắc nhiệm vụ" in cells
    assert not problems
