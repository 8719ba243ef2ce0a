"""An administrator's journey in a real browser: sign in, find a member by name (typed without
diacritics), create their account, grant them the secretary role (asked to confirm the
password first), then the new user signs in with the temporary password and is made to
change it before anything else."""

import pytest

from hatnhan.accounts import mfa
from hatnhan.accounts.models import Role, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_creates_an_account_and_the_user_changes_the_password(
    page, login, tree, users, make_member
):
    member = make_member(tree["stc_cell"], "Nguyễn Thị Hồng Nhung", party_card_number="NA-7788")
    make_member(tree["stc_cell"], "Nguyễn Văn Nam")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    login("admin")
    page.get_by_role("link", name="Tài khoản", exact=True).first.click()
    page.wait_for_url("**/users/")
    page.get_by_role("link", name="Tạo tài khoản").click()
    page.wait_for_url("**/users/new/")

    # The member picker narrows as one types, without diacritics.
    search = page.locator("input.picker-search[data-picker-for=id_member]")
    search.fill("hong nhung")
    visible = page.locator("#id_member option:not([hidden]):not([value=''])")
    assert visible.count() == 1 and "Nguyễn Thị Hồng Nhung" in visible.first.inner_text()
    page.select_option("#id_member", str(member.pk))
    page.fill("input[name=username]", "stc.nhung")
    page.select_option("#id_role", "member")
    page.select_option("#id_organization", str(tree["stc_cell"].pk))
    page.get_by_role("button", name="Tạo tài khoản").click()
    password = page.locator("#temporary-password").inner_text()
    assert len(password) == 12

    # Granting a role asks to confirm the password, then comes back to the form.
    page.get_by_role("link", name="Xem tài khoản").click()
    page.get_by_role("link", name="Cấp vai trò").click()
    page.wait_for_url("**/accounts/confirm/**")
    page.fill("input[name=password]", "demo")
    # The administrator has an authenticator: the confirmation asks its code too.
    page.fill("input[name=otp]", mfa.next_code(mfa.totp_device(User.objects.get(username="admin"))))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url("**/roles/new/")
    page.select_option("#id_role", "secretary")
    page.select_option("#id_organization", str(tree["stc_cell"].pk))
    page.get_by_role("button", name="Cấp vai trò").click()
    page.locator("#account-roles", has_text="Bí thư").wait_for()
    account = User.objects.get(username="stc.nhung")
    assert set(Role.objects.filter(user=account).values_list("role", flat=True)) == {
        "member",
        "secretary",
    }

    # The new user (a secretary now: signed in with their code, hatnhan.accounts.testing): the
    # temporary password leads to the change page, whatever is asked for.
    page.get_by_role("button", name="Đăng xuất").click()
    login("stc.nhung", password)
    assert "/accounts/password/" in page.url
    page.goto("/tasks/")
    assert "/accounts/password/" in page.url
    page.fill("input[name=old_password]", password)
    page.fill("input[name=new_password]", "Hoa-ban-trang-2026")
    page.fill("input[name=new_password_again]", "Hoa-ban-trang-2026")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.wait_for_url("**/tasks/")
    account.refresh_from_db()
    assert not account.must_change_password and account.check_password("Hoa-ban-trang-2026")
    assert problems == []
