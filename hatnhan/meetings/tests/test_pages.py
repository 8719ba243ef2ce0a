"""The meeting pages answer and write through the services: scheduling and the year's
schedule, attendance by hand, the phone check-in page (a refusal is 400 with its message),
minutes, the resolution form, corrections and assessments."""

import datetime as dt

import pytest
from django.utils import timezone

from hatnhan.meetings import services
from hatnhan.meetings.models import Attendance, Meeting, Minutes
from hatnhan.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(client, users):
    client.force_login(users["secretary"])
    return client


@pytest.mark.parametrize("path", ["new/", "generate/"])
def test_form_pages_render(secretary, path):
    assert secretary.get(f"/meetings/{path}").status_code == 200


def test_schedule_on_the_page(secretary, cell, members):
    day = timezone.localdate() + dt.timedelta(days=9)
    answer = secretary.post(
        "/meetings/new/",
        {
            "organization": cell.pk,
            "body": "cell",
            "kind": "regular",
            "place": "Hội trường",
            "day": day.strftime("%d/%m/%Y"),
            "start_time": "14:00",
            "planned_minutes": 120,
        },
    )
    assert answer.status_code == 302
    assert Meeting.objects.get().place == "Hội trường"


def test_thematic_with_a_month_refused_on_the_page(secretary, cell, members):
    day = timezone.localdate() + dt.timedelta(days=9)
    answer = secretary.post(
        "/meetings/new/",
        {
            "organization": cell.pk,
            "body": "cell",
            "kind": "thematic",
            "topic": "Chuyên đề",
            "month": day.month,
            "place": "Hội trường",
            "day": day.strftime("%d/%m/%Y"),
            "start_time": "14:00",
            "planned_minutes": 150,
        },
    )
    assert answer.status_code == 200
    assert "không thay thế" in answer.content.decode()
    assert not Meeting.objects.exists()


def test_generate_on_the_page(secretary, cell, members):
    answer = secretary.post(
        "/meetings/generate/",
        {
            "organization": cell.pk,
            "year": 2027,
            "body": "cell",
            "weekday": 1,
            "nth": 1,
            "start_time": "14:00",
            "planned_minutes": 120,
            "place": "Phòng họp",
        },
    )
    assert answer.status_code == 302
    assert Meeting.objects.count() == 12


def test_attendance_by_hand_on_the_page(secretary, invited, members):
    secretary.post(
        f"/meetings/{invited.pk}/attendance/",
        {"member": members[2].pk, "status": "excused", "reason": "Ốm"},
    )
    assert Attendance.objects.get(meeting=invited, member=members[2]).reason == "Ốm"


def test_phone_check_in_page(client, users, cell, members):
    meeting = services.schedule_meeting(
        actor=users["secretary"],
        organization=cell,
        planned_start=timezone.now() - dt.timedelta(minutes=2),
        place="A",
    )
    services.send_invitation(actor=users["secretary"], meeting=meeting)
    client.force_login(users["member"])
    code = services.checkin_code(meeting)
    page = client.get(f"/meetings/{meeting.pk}/check-in/?code={code}")
    assert page.status_code == 200 and "Tôi có mặt" in page.content.decode()
    done = client.post(f"/meetings/{meeting.pk}/check-in/", {"code": code})
    assert done.status_code == 200 and "Đã điểm danh" in done.content.decode()
    again = client.post(f"/meetings/{meeting.pk}/check-in/", {"code": code})
    assert again.status_code == 400 and "không điểm danh lần nữa" in again.content.decode()


def test_minutes_editor(secretary, held):
    assert secretary.get(f"/meetings/{held.pk}/minutes/").status_code == 200
    secretary.post(
        f"/meetings/{held.pk}/minutes/", {"opening": "Khai mạc", "conclusions": "Kết luận"}
    )
    assert Minutes.objects.get(meeting=held).conclusions == "Kết luận"


def test_resolution_form_puts_the_task_in_the_loop(secretary, held, members):
    assert secretary.get(f"/meetings/{held.pk}/resolution/").status_code == 200
    answer = secretary.post(
        f"/meetings/{held.pk}/resolution/",
        {
            "text": "Nghị quyết tháng",
            "focus_title": "Cải cách hành chính",
            "focus_level": "key",
            "task1_title": "Rà soát thủ tục",
            "task1_expected": "Danh sách",
            "task1_owner": members[1].pk,
            "task1_due": (timezone.localdate() + dt.timedelta(days=10)).strftime("%d/%m/%Y"),
        },
    )
    assert answer.status_code == 302
    assert Task.objects.get(source_ref=held.ref).title == "Rà soát thủ tục"


def test_correction_page(secretary, held):
    services.close_meeting(actor=held.created_by, meeting=held)
    assert secretary.get(f"/meetings/{held.pk}/correct/").status_code == 200
    secretary.post(
        f"/meetings/{held.pk}/correct/",
        {"field": "place", "value": "Phòng khác", "reason": "Ghi nhầm"},
    )
    held.refresh_from_db()
    assert held.place == "Phòng khác" and held.corrections.count() == 1


def test_assessment_page(secretary, held):
    assert secretary.get(f"/meetings/{held.pk}/assess/").status_code == 200
    secretary.post(
        f"/meetings/{held.pk}/assess/",
        {"preparation": 0, "attendance": 0, "conduct": 15, "closing": 5},
    )
    assert held.assessments.get().conduct == 15


def test_edit_page(secretary, meeting):
    """The schedule is edited through the same rules (audited; the organization stays)."""
    assert secretary.get(f"/meetings/{meeting.pk}/edit/").status_code == 200
    local = timezone.localtime(meeting.planned_start)
    secretary.post(
        f"/meetings/{meeting.pk}/edit/",
        {
            "body": "cell",
            "kind": "regular",
            "place": "Hội trường lớn",
            "day": local.strftime("%d/%m/%Y"),
            "start_time": local.strftime("%H:%M"),
            "planned_minutes": 150,
        },
    )
    meeting.refresh_from_db()
    assert (meeting.place, meeting.planned_minutes) == ("Hội trường lớn", 150)


def test_calendar_file_download(secretary, meeting):
    answer = secretary.get(f"/meetings/{meeting.pk}/calendar.ics")
    assert answer["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in answer.content
