"""The menu in a real browser: on a 390 px phone all 14 entries are reachable behind the
toggle (with script and without) and the unread badge shows while it is folded; at 1366 px
every entry is in view, none cut off.

Set HATNHAN_SCREENSHOTS=/some/dir to save what each width looks like (never committed)."""

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The nav's links for a member (meetings, votes, the heads' briefings, inspections and the
# year-end review included; discipline only for those who record it, citizens' reports only
# for their handlers and custodians).
ENTRIES = 14


def _shoot(page, name: str) -> None:
    folder = os.environ.get("HATNHAN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.fixture
def notified(assigned_task, users):
    """The STC member has an unread notice: a task was just given to them."""
    return users["member"]


def _inside(page, selector: str, width: int) -> list[str]:
    """Entries whose box is hidden or reaches past the window's right edge."""
    bad = []
    for link in page.locator(selector).all():
        box = link.bounding_box()
        if not link.is_visible() or box is None or box["x"] < 0 or box["x"] + box["width"] > width:
            bad.append(link.inner_text())
    return bad


def test_phone_menu_folds_behind_a_toggle_with_the_badge(page, login, notified):
    page.set_viewport_size({"width": 390, "height": 844})
    login("stc_member")
    toggle = page.locator(".navtoggle")
    links = page.locator(".mainnav a")
    assert toggle.is_visible()
    assert links.count() == ENTRIES and not links.first.is_visible()
    assert toggle.locator(".nav-count").is_visible()  # the badge, with the menu folded
    assert toggle.locator(".nav-count").inner_text() == "1"
    _shoot(page, "menu-390-closed")
    toggle.click()
    _shoot(page, "menu-390-open")
    assert _inside(page, ".mainnav a", 390) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shoot(page, "menu-390-open")
    links.nth(1).click()  # "Cây tổ chức"
    page.wait_for_load_state("networkidle")
    assert "/organizations/" in page.url


def test_phone_menu_works_without_script(chromium, live_server, notified):
    context = chromium.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("input[name=username]", "stc_member")
        page.fill("input[name=password]", "demo")
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        assert not page.locator(".mainnav a").first.is_visible()
        page.locator(".navtoggle").click()
        assert _inside(page, ".mainnav a", 390) == []
    finally:
        context.close()


def test_desktop_menu_shows_every_entry_uncut(page, login, notified):
    page.set_viewport_size({"width": 1366, "height": 900})
    login("stc_member")
    assert not page.locator(".navtoggle").is_visible()
    assert page.locator(".mainnav a").count() == ENTRIES
    assert _inside(page, ".mainnav a", 1366) == []
    nav_scrolls = page.evaluate(
        "(() => { const n = document.querySelector('.mainnav');"
        " return n.scrollWidth > n.clientWidth; })()"
    )
    assert not nav_scrolls
    assert page.locator(".mainnav .nav-count").is_visible()
    _shoot(page, "menu-1366")
