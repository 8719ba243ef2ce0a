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
