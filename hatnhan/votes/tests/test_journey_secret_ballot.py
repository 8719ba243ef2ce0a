"""Journey in a real browser, on phones (390 px): the secretary opens a secret ballot at the
meeting; two members vote on their own phones; the secretary's page counts the ballots
without showing how they went until the vote is closed, then shows the result and the
recount; the Word minutes download and python-docx reads the vote back in them."""

import io
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from hatnhan.accounts.testing import browser_sign_in
from hatnhan.votes.models import Vote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def phone(chromium, live_server, username: str):
    context = chromium.new_context(
        base_url=live_server.url, locale="vi-VN", viewport=PHONE, accept_downloads=True
    )
    context.set_default_timeout(15000)
    # Through the login page, with the code step for the roles that must have two factors.
    return browser_sign_in(context.new_page(), username)


def test_secret_ballot_on_phones(chromium, live_server, meeting, users, voter):
    secretary = phone(chromium, live_server, users["secretary"].get_username())
    secretary.goto(f"/votes/meetings/{meeting.pk}/")
    secretary.get_by_role("link", name="Biểu quyết mới").click()
    secretary.fill("input[name=question]", "Thông qua nghị quyết tháng 12")
    secretary.get_by_label("Bỏ phiếu kín trên điện thoại").check()
    secretary.get_by_role("button", name="Mở biểu quyết").click()
    secretary.wait_for_url("**/votes/*/")
    status = secretary.locator("#vote-status")
    assert "Đã bỏ phiếu: 0/5" in status.inner_text()
    vote = Vote.objects.get()

    for username, choice in (
        (users["member"].get_username(), "Tán thành"),
        ("stc_voter", "Không tán thành"),
    ):
        member = phone(chromium, live_server, username)
        member.goto(f"/votes/{vote.pk}/")
        member.get_by_role("button", name=choice, exact=True).click()
        member.wait_for_load_state("networkidle")
        assert "Đã nhận phiếu của đồng chí." in member.content()
        assert "Đồng chí đã bỏ phiếu" in member.content()
        assert member.get_by_role("button", name="Tán thành", exact=True).count() == 0
        assert "Kết quả đã ghi" not in member.content()
        member.context.close()

    # The secretary's page asks for the count every few seconds: two in, nothing more shown.
    expect(secretary.locator("#vote-status")).to_contain_text("Đã bỏ phiếu: 2/5", timeout=10000)
    status = secretary.locator("#vote-status")
    assert "Kết quả đã ghi" not in status.inner_text()
    assert "Tán thành" not in status.inner_text()
    secretary.screenshot(path="/tmp/votes-open-390.png", full_page=True)

    secretary.get_by_role("button", name="Kết thúc biểu quyết").click()
    secretary.wait_for_load_state("networkidle")
    shown = secretary.locator("#vote-status").inner_text()
    # On a phone the table's head folds into each cell's label (data-label): read the text.
    columns = secretary.locator("#vote-status").text_content()
    assert "Kết quả đã ghi" in columns and "Kiểm lại từ phiếu" in columns
    assert "Tán thành\n1\n1" in shown and "Không tán thành\n1\n1" in shown
    assert "Kiểm lại khớp với kết quả đã ghi." in shown
    assert "Không được thông qua" in shown
    secretary.screenshot(path="/tmp/votes-closed-390.png", full_page=True)

    secretary.goto(f"/votes/meetings/{meeting.pk}/")
    with secretary.expect_download() as download:
        secretary.get_by_role("link", name="Biên bản (Word)").click()
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    body = [p.text for p in document.paragraphs]
    assert "BIÊN BẢN SINH HOẠT CHI BỘ" in body
    votes = body[body.index("VII. Biểu quyết") + 1]
    assert votes.startswith("1. Thông qua nghị quyết tháng 12 (bỏ phiếu kín)")
    assert "tán thành 1, không tán thành 1, không biểu quyết 0" in votes
    assert {r.font.name for p in document.paragraphs for r in p.runs if r.text} == {
        "Times New Roman"
    }
    secretary.context.close()
