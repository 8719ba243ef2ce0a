"""A secretary corrects a resolution in a real browser: the edit page posts through htmx, a
mistake comes back on the form in place, the saved correction lands on the resolution's page
with its before → after in the history."""

import datetime as dt

import pytest

from hatnhan.directives.models import Resolution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_corrects_a_resolution(page, login, tree, users, make_resolution):
    resolution = make_resolution(
        number_symbol="03-NQ/ĐU",
        title="Nghị quyết tháng 3",
        adopted_on=dt.date(2026, 3, 2),
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2026, 3, 31),
    )
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    login("stc_secretary")
    page.goto(f"/resolutions/{resolution.pk}/")
    page.get_by_role("link", name="Sửa", exact=True).click()
    page.wait_for_url(f"**/resolutions/{resolution.pk}/edit/")
    assert page.input_value("input[name=title]") == "Nghị quyết tháng 3"
    assert page.input_value("input[name=period_end]") == "31/03/2026"

    # A period that ends before it starts: the form comes back in place, nothing saved.
    page.fill("input[name=period_end]", "01/02/2026")
    page.get_by_role("button", name="Lưu").click()
    page.locator(".errorlist", has_text="Ngày kết thúc kỳ phải sau ngày bắt đầu.").wait_for()
    assert page.url.endswith(f"/resolutions/{resolution.pk}/edit/")
    assert Resolution.objects.get(pk=resolution.pk).period_end == dt.date(2026, 3, 31)

    page.fill("input[name=period_end]", "30/04/2026")
    page.fill("input[name=title]", "Nghị quyết tháng 3 và tháng 4")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/resolutions/{resolution.pk}/")
    history = page.locator(".history")
    history.locator("del", has_text="Nghị quyết tháng 3").first.wait_for()
    assert "Nghị quyết tháng 3 và tháng 4" in history.inner_text()
    assert "30/04/2026" in history.inner_text()
    assert "Đã lưu thay đổi." in page.content()
    assert not problems, problems
