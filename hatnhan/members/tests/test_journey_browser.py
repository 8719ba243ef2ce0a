"""A secretary's journey in a real browser: log in, open the tree and expand a node, find a
member typing without diacritics, change their post, and see the change in their history.

Set HATNHAN_SCREENSHOTS=/some/dir to also save phone-width screenshots of the tree and the
member page (for looking at the layout; never committed)."""

import os

import pytest

from hatnhan.members.models import Member
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shoot(page, name: str) -> None:
    folder = os.environ.get("HATNHAN_SCREENSHOTS")
    if not folder:
        return
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=os.path.join(folder, f"{name}-390.png"), full_page=True)
    page.set_viewport_size(size)


def test_secretary_finds_and_edits_a_member(page, login, tree, users, make_member):
    branch = create_organization(
        actor=None,
        code="STC-BP",
        name="Đảng bộ bộ phận Thanh tra",
        kind=OrganizationKind.SUB_COMMITTEE,
        parent=tree["stc"],
    )
    cell = create_organization(
        actor=None,
        code="STC-BP-1",
        name="Chi bộ Thanh tra 1",
        kind=OrganizationKind.CELL,
        parent=branch,
    )
    member = make_member(cell, "Nguyễn Quang Tùng", post="Thanh tra viên")
    make_member(cell, "Nguyễn Quang Trung")

    # Anything the CSP blocks or a script error shows up here (no CDN, no inline code).
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    login("stc_secretary")
    assert page.url.rstrip("/") == page.base_url.rstrip("/")  # landed on the home page

    # The tree: the secretary's organization open, the sub-committee collapsed until asked.
    page.goto("/organizations/")
    node = page.locator(f"#node-{branch.pk}")
    assert node.locator("details").get_attribute("open") is None
    node.locator("summary .count").click()
    child = page.locator(f"#node-{cell.pk}")
    child.wait_for()
    assert "Chi bộ Thanh tra 1" in child.inner_text()
    assert child.locator(".count").inner_text() == "2"
    _shoot(page, "tree")

    # Search without diacritics; results arrive live.
    page.goto("/search/")
    page.fill("input[name=q]", "nguyen quang tung")
    result = page.locator("#search-results a", has_text="Nguyễn Quang Tùng")
    result.wait_for()
    assert page.locator("#search-results", has_text="Nguyễn Quang Trung").count() == 0
    result.click()
    page.wait_for_url(f"**/members/{member.pk}/")

    # Edit the post.
    page.get_by_role("link", name="Sửa", exact=True).first.click()
    page.wait_for_url(f"**/members/{member.pk}/edit/")
    page.fill("input[name=post]", "Chánh Thanh tra")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/members/{member.pk}/")

    assert page.locator("#member-post").inner_text() == "Chánh Thanh tra"
    history = page.locator(".history .timeline-item").first
    assert "Sửa thông tin đảng viên" in history.inner_text()
    assert "stc_secretary" in history.inner_text()
    assert history.locator("del").inner_text() == "Thanh tra viên"
    assert history.locator("ins").inner_text() == "Chánh Thanh tra"
    _shoot(page, "member")
    assert Member.objects.get(pk=member.pk).post == "Chánh Thanh tra"
    assert problems == []
