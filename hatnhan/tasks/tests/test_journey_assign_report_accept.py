"""Journey in a real browser: a secretary assigns a task; the member, on a phone, reports
progress with a photo from the task card; the secretary accepts it and the task is done.
Screenshots of "My tasks" at 390 px and the board at 1280 px go to /tmp for review."""

import datetime as dt
import struct
import zlib

import pytest
from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.test import Client
from django.utils import timezone

from hatnhan.tasks import services
from hatnhan.tasks.models import Task, TaskStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}
HTMX_INDICATOR_STYLE = "sha256-faU7yAF8NxuMTNEwVmBz+VcYeIoBQ2EMHW3WaVxCvnk="


def small_png(width: int = 24, height: int = 16) -> bytes:
    """A real, tiny RGB picture (a red band on white), made here rather than shipped."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(
        b"\x00"
        + b"".join(b"\xb7\x1c\x1c" if y < height // 2 else b"\xff\xff\xff" for _ in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def sign_in(pg, user) -> None:
    """Through the real login form when this build has one; otherwise with a session made
    the way the login view makes it (the foundation pages branch brings the form)."""
    try:  # the foundation pages' login template, or Django's default one
        select_template(["accounts/login.html", "registration/login.html"])
    except TemplateDoesNotExist:
        client = Client()
        client.force_login(user)
        pg.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": pg.base_url,
                }
            ]
        )
        return
    from hatnhan.accounts.testing import browser_sign_in

    browser_sign_in(pg, user.get_username())


def test_assign_report_with_photo_on_phone_accept(chromium, page, users, tree, make_member):
    member = users["member"].member
    secretary = users["secretary"]
    # Some other work on the board, so the screenshots show a realistic page.
    helper = make_member(tree["stc_cell"], "Lê Văn Cường")
    today = timezone.localdate()
    for i, (title, days) in enumerate(
        [
            ("Rà soát hồ sơ trễ hẹn tại bộ phận một cửa", -2),
            ("Chuẩn bị nội dung sinh hoạt chuyên đề quý IV", 3),
            ("Tổng hợp ý kiến phản ánh của doanh nghiệp về thủ tục thuế", 12),
        ]
    ):
        services.create_task(
            actor=secretary,
            organization=tree["stc"],
            title=title,
            expected_result="Báo cáo bằng văn bản, có số liệu cụ thể",
            owner=member if i != 2 else helper,
            coworkers=[helper] if i == 1 else [],
            start_date=today - dt.timedelta(days=20),
            due_date=today + dt.timedelta(days=days),
            today=today - dt.timedelta(days=20),
            priority="high" if i == 0 else "normal",
        )

    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    # 1. The secretary assigns a task through the form (desktop).
    sign_in(page, secretary)
    page.goto("/tasks/new/")
    # Choosing the organization reloads the people it offers (htmx); wait for that swap.
    with page.expect_response(lambda r: "/tasks/new/?organization=" in r.url):
        page.select_option("select[name=organization]", str(tree["stc"].pk))
    page.wait_for_load_state("networkidle")
    page.fill("input[name=title]", "Công khai 100% thủ tục hành chính trên cổng thông tin")
    page.fill("textarea[name=expected_result]", "Danh mục 45 thủ tục đăng đủ, đúng, đúng hạn")
    page.select_option("select[name=owner]", str(member.pk))
    page.fill("input[name=due_date]", (today + dt.timedelta(days=5)).strftime("%d/%m/%Y"))
    page.click("form.form-page button[type=submit]")
    page.wait_for_load_state("networkidle")
    task = Task.objects.get(title__startswith="Công khai 100%")
    assert page.url.endswith(f"/tasks/{task.pk}/")
    assert page.locator("h1").inner_text().startswith("Công khai 100%")

    # 2. The member, on a phone, reports with a photo straight from the task card.
    phone = chromium.new_context(
        base_url=page.base_url,
        locale="vi-VN",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    phone.set_default_timeout(15000)
    mobile = phone.new_page()
    mobile.base_url = page.base_url
    mobile.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    mobile.on("pageerror", lambda e: problems.append(str(e)))
    try:
        sign_in(mobile, users["member"])
        mobile.goto("/tasks/")
        card = mobile.locator(f"#task-card-{task.pk}")
        card.wait_for()
        camera = card.locator("input[type=file][name=files]")
        assert camera.get_attribute("accept") == "image/*"
        assert camera.get_attribute("capture") == "environment"
        # The page fits the phone: nothing wider than the screen.
        width = mobile.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
        mobile.screenshot(path="/tmp/my_tasks_390.png", full_page=True)
        camera.set_input_files(
            {"name": "anh-hien-truong.png", "mimeType": "image/png", "buffer": small_png()}
        )
        card.locator("input[name=percent]").fill("100")
        card.locator("input[name=note]").fill("Đã đăng đủ 45 thủ tục")
        card.locator("button[name=submit]").click()
        mobile.locator(f"#task-card-{task.pk} .form-ok").wait_for()
        assert "Chờ nghiệm thu" in mobile.locator(f"#task-card-{task.pk}").inner_text()
        # The card has moved under "awaiting acceptance" at once, and the counts follow.
        assert mobile.locator(f"#awaiting + .cards #task-card-{task.pk}").count() == 1
        assert mobile.locator(f"#due-soon + .cards #task-card-{task.pk}").count() == 0
        assert mobile.locator("#summary a[href='#awaiting'] strong").inner_text() == "1"
        mobile.screenshot(path="/tmp/my_tasks_390_after.png", full_page=True)
    finally:
        phone.close()
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE and task.percent == 100
    assert [e.file_name for e in task.evidence.all()] == ["anh-hien-truong.png"]

    # 3. The secretary filters the board without a reload (htmx), then accepts from the
    # acceptance queue; the task is done.
    page.goto("/tasks/board/")
    page.screenshot(path="/tmp/board_1280.png", full_page=True)
    page.evaluate("window.__kept = 'same page'")
    with page.expect_response(lambda r: "/tasks/board/?" in r.url):
        page.select_option("select[name=status]", "awaiting_acceptance")
    page.wait_for_load_state("networkidle")
    rows = page.locator("#board-results table.board tbody tr")
    assert rows.count() == 1 and "Công khai 100%" in rows.first.inner_text()
    assert page.evaluate("window.__kept") == "same page"  # no reload
    assert "status=awaiting_acceptance" in page.url  # the filtered view is a link
    page.goto("/tasks/awaiting/")
    item = page.locator(f"#awaiting-{task.pk}")
    item.locator("select[name=outcome]").select_option("met")
    item.locator("input[name=comment]").fill("Đúng yêu cầu, đúng hạn")
    item.locator("button[value=accept]").click()
    # Accepted in place (htmx): the card says so without leaving the queue.
    page.locator(f"#awaiting-{task.pk} .form-ok").wait_for()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.outcome == "met"
    page.goto(f"/tasks/{task.pk}/")
    body = page.locator("main").inner_text()
    assert "Đã nghiệm thu" in body and "Đạt yêu cầu" in body
    # The evidence is linked through the restricted download view and really serves the photo.
    link = page.locator("ul.evidence a").first
    href = link.get_attribute("href")
    assert href == f"/files/evidence/{task.evidence.get().pk}/"
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "image/png"
    page.screenshot(path="/tmp/task_1280.png", full_page=True)
    # No script error and no CSP violation from these pages. (htmx's own indicator <style>
    # is refused by the CSP until base.html turns it off, as the foundation pages do.)
    assert [p for p in problems if HTMX_INDICATOR_STYLE not in p] == []


def test_report_from_a_phone_offline_says_it_was_not_sent(chromium, page, users, tree):
    member = users["member"].member
    task = services.create_task(
        actor=users["secretary"],
        organization=tree["stc"],
        title="Báo cáo tuần",
        expected_result="Gửi báo cáo đúng hạn",
        owner=member,
        due_date=timezone.localdate() + dt.timedelta(days=2),
    )
    phone = chromium.new_context(
        base_url=page.base_url, locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True
    )
    mobile = phone.new_page()
    mobile.base_url = page.base_url
    try:
        sign_in(mobile, users["member"])
        mobile.goto("/tasks/")
        card = mobile.locator(f"#task-card-{task.pk}")
        card.locator("input[name=percent]").fill("30")
        phone.set_offline(True)
        card.locator("button[type=submit]").first.click()
        card.locator(".send-error").wait_for()
        assert "Chưa gửi được" in card.locator(".send-error").inner_text()
        phone.set_offline(False)
        card.locator("button[type=submit]").first.click()
        mobile.locator(f"#task-card-{task.pk} .form-ok").wait_for()
    finally:
        phone.close()
    task.refresh_from_db()
    assert task.percent == 30
