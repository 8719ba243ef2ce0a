"""Issue 8's two-factor journey in a real browser: a secretary signs in with the password, is
sent to enroll, reads the secret off the page and computes the code as an authenticator app
would (django_otp.oath.totp), sees the recovery codes once, signs out, and signs in again
with the password and a fresh code."""

import base64
import time

import pytest
from django_otp.oath import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret: str, *, ahead: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, t0=-ahead * 30):06d}"


def test_a_secretary_enrolls_and_signs_in_with_a_code(page, users):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "stc_secretary")
    page.fill("input[name=password]", "demo")
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/2fa/setup/**")
    assert page.locator(".mfa-qr svg").count() == 1
    # Nothing else opens before enrolling.
    page.goto("/tasks/")
    assert "/accounts/2fa/setup/" in page.url
    secret = page.locator("#mfa-secret").inner_text().strip()
    page.fill("input[name=code]", _code(secret))
    page.get_by_role("button", name="Bật xác thực hai lớp").click()
    codes = page.locator("#recovery-codes li")
    codes.first.wait_for()
    assert codes.count() == 10
    page.get_by_role("link", name="Đã cất mã, tiếp tục").click()
    page.wait_for_url("**/tasks/")

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/")
    page.fill("input[name=username]", "stc_secretary")
    page.fill("input[name=password]", "demo")
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/2fa/**")
    # The code used to enroll may not be used again: the next step's (within the tolerance).
    page.fill("input[name=code]", _code(secret, ahead=1))
    started = time.time()
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/" not in page.url, page.url
    assert time.time() - started < 15
    assert problems == []
