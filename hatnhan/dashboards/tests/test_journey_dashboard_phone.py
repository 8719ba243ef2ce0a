"""On a 390 px phone the bloc's dashboard and a scorecard fit the screen's width: their wide
tables scroll inside their own frame (.table-wrap, in the stylesheet every page loads), the
page itself does not scroll sideways."""

import pytest

from hatnhan.accounts.testing import browser_sign_in
from hatnhan.dashboards.tests.conftest import AS_OF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDER_THAN_SCREEN = "document.documentElement.scrollWidth > window.innerWidth"


def test_dashboard_and_scorecard_fit_a_phone(chromium, live_server, users, tree, refreshed):
    refreshed()
    context = chromium.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15000)
    page = browser_sign_in(context.new_page(), users["staff"].get_username())
    for url in (
        f"/dashboards/?period=year&year={AS_OF.year}",
        f"/dashboards/organizations/{tree['stc'].pk}/?period=year&year={AS_OF.year}",
    ):
        page.goto(url)
        assert page.locator("table.board").count() > 0, url
        assert not page.evaluate(WIDER_THAN_SCREEN), url
    context.close()


def test_the_period_picker_shows_the_chosen_kinds_fields(chromium, live_server, users, refreshed):
    refreshed()
    context = chromium.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(15000)
    page = browser_sign_in(context.new_page(), users["staff"].get_username())
    page.goto(f"/dashboards/?period=year&year={AS_OF.year}")
    form = page.locator("form.period-form")

    def shown() -> list[str]:
        fields = form.locator(".field")
        return [
            fields.nth(i).locator("input, select").first.get_attribute("name")
            for i in range(fields.count())
            if fields.nth(i).is_visible()
        ]

    assert shown() == ["period", "year"]
    assert form.locator('input[name="year"]').input_value() == str(AS_OF.year)
    form.locator('select[name="period"]').select_option("month")
    assert shown() == ["period", "month"]
    form.locator('select[name="period"]').select_option("range")
    assert shown() == ["period", "start", "end"]
    form.locator('select[name="period"]').select_option("quarter")
    assert shown() == ["period", "year", "quarter"]
    context.close()
