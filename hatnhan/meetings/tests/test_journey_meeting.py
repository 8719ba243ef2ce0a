"""Journey in a real browser, on phones (390 px): the secretary schedules a meeting and
invites the cell; two members check in by the QR page on their own phones; the minutes are
written and the resolution adopted; its task appears on the task board; the Word minutes
download and python-docx reads them back."""

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest
from django.utils import timezone

from hatnhan.meetings.models import AttendanceStatus, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def meeting_start(now: dt.datetime) -> dt.datetime:
    """A start a few minutes ago whose 100 minutes end the same day (the times form takes
    hours on the meeting's day): late in the evening it began earlier, just after midnight
    at midnight. The check-in window (30 minutes either side) still holds `now`."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    latest = midnight + dt.timedelta(hours=24, minutes=-101)
    return max(midnight, min(now - dt.timedelta(minutes=5), latest))


def test_meeting_on_phones(phone, users, cell, members, second_user):
    secretary = phone(users["secretary"].get_username(), accept_downloads=True)
    problems: list[str] = []
    secretary.on("pageerror", lambda e: problems.append(str(e)))

    # 1. The secretary schedules today's meeting (it began a few minutes ago) and invites.
    start = meeting_start(timezone.localtime())
    secretary.goto("/meetings/new/")
    secretary.select_option("select[name=organization]", str(cell.pk))
    secretary.fill("input[name=place]", "Phòng họp tầng 2")
    secretary.fill("input[name=day]", start.strftime("%d/%m/%Y"))
    secretary.fill("input[name=start_time]", start.strftime("%H:%M"))
    secretary.fill("textarea[name=agenda]", "Kiểm điểm nghị quyết tháng trước; nhiệm vụ tháng tới.")
    secretary.click("form.form-page button[type=submit]")
    secretary.wait_for_url(re.compile(r"/meetings/\d+/$"))
    meeting = Meeting.objects.get()
    secretary.get_by_role("button", name="Gửi giấy mời").click()
    secretary.wait_for_load_state("networkidle")
    assert "Đã mời 4 đảng viên" in secretary.content()

    # 2. The chair's screen shows the QR; two members open it on their phones and check in.
    secretary.goto(f"/meetings/{meeting.pk}/screen/")
    assert secretary.locator("#qr svg").count() == 1
    url = secretary.locator("a.qr-link").get_attribute("href")
    secretary.screenshot(path="/tmp/meeting-qr-390.png", full_page=True)
    for username in (users["member"].get_username(), second_user.get_username()):
        member = phone(username, accept_downloads=True)
        member.goto(url)
        member.get_by_role("button", name="Tôi có mặt — điểm danh").click()
        member.wait_for_load_state("networkidle")
        assert "Đã điểm danh lúc" in member.content()
        member.context.close()
    present = set(
        meeting.attendances.filter(status=AttendanceStatus.PRESENT).values_list(
            "member_id", flat=True
        )
    )
    assert present == {members[0].pk, members[1].pk}

    # 3. The times and the minutes, then the resolution with one task.
    secretary.goto(f"/meetings/{meeting.pk}/")
    secretary.fill("#times ~ form input[name=start_time]", start.strftime("%H:%M"))
    secretary.fill(
        "#times ~ form input[name=end_time]", (start + dt.timedelta(minutes=100)).strftime("%H:%M")
    )
    secretary.get_by_role("button", name="Ghi thời gian").click()
    secretary.wait_for_load_state("networkidle")
    secretary.goto(f"/meetings/{meeting.pk}/minutes/")
    secretary.fill("textarea[name=opening]", "Đồng chí Bí thư khai mạc, giới thiệu thành phần.")
    secretary.fill("textarea[name=political_task]", "Cơ quan hoàn thành thẩm định dự toán.")
    secretary.fill("textarea[name=conclusions]", "Tập trung cải cách thủ tục hành chính.")
    secretary.click("form.form-page button[type=submit]")
    secretary.wait_for_url(f"**/meetings/{meeting.pk}/#minutes")
    secretary.goto(f"/meetings/{meeting.pk}/resolution/")
    secretary.fill("textarea[name=text]", "Nghị quyết lãnh đạo nhiệm vụ tháng tới.")
    secretary.fill("input[name=focus_title]", "Cải cách thủ tục hành chính")
    secretary.fill("input[name=task1_title]", "Rà soát thủ tục tại bộ phận một cửa")
    secretary.fill("input[name=task1_expected]", "Danh mục thủ tục đã rà soát")
    secretary.select_option("select[name=task1_owner]", str(members[1].pk))
    secretary.fill(
        "input[name=task1_due]", (timezone.localdate() + dt.timedelta(days=14)).strftime("%d/%m/%Y")
    )
    secretary.click("form.form-page button[type=submit]")
    secretary.wait_for_url(f"**/meetings/{meeting.pk}/#resolution")
    assert "Rà soát thủ tục tại bộ phận một cửa" in secretary.content()

    # 4. The resolution's task is on the task board.
    secretary.goto("/tasks/board/")
    assert "Rà soát thủ tục tại bộ phận một cửa" in secretary.content()

    # 5. The Word minutes download and read back.
    secretary.goto(f"/meetings/{meeting.pk}/")
    with secretary.expect_download() as download:
        secretary.get_by_role("link", name="Biên bản (Word)").click()
    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BIÊN BẢN SINH HOẠT CHI BỘ" in text
    assert "Tập trung cải cách thủ tục hành chính." in text
    secretary.screenshot(path="/tmp/meeting-page-390.png", full_page=True)
    assert not problems, problems
    secretary.context.close()
