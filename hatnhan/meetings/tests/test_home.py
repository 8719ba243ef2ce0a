"""The home page: the member's next meeting (check in, documents, last month's resolution);
the secretary's meeting calendar and what is overdue (issue 9, Everyone's view)."""

import datetime as dt

import pytest
from django.utils import timezone

from hatnhan.meetings import services

pytestmark = pytest.mark.django_db


def test_the_members_next_meeting(client, users, invited):
    client.force_login(users["member"])
    page = client.get("/").content.decode()
    assert "Cuộc sinh hoạt sắp tới" in page and f"/meetings/{invited.pk}/" in page


def test_check_in_button_during_the_meeting(client, users, cell, members):
    meeting = services.schedule_meeting(
        actor=users["secretary"],
        organization=cell,
        planned_start=timezone.now() - dt.timedelta(minutes=5),
        place="A",
    )
    services.send_invitation(actor=users["secretary"], meeting=meeting)
    client.force_login(users["member"])
    assert f"/meetings/{meeting.pk}/check-in/" in client.get("/").content.decode()


def test_last_months_resolution_on_the_members_page(client, users, held, invited, members):
    services.adopt_resolution(
        actor=users["secretary"],
        meeting=held,
        text="Nghị quyết tháng trước",
        focus_issues=[
            services.FocusSpec(
                title="Cải cách",
                tasks=[
                    services.TaskSpec(
                        title="Việc của nghị quyết",
                        expected_result="Xong",
                        owner=members[1],
                        due_date=timezone.localdate() + dt.timedelta(days=5),
                    )
                ],
            )
        ],
    )
    client.force_login(users["member"])
    page = client.get("/").content.decode()
    assert "Nghị quyết tháng trước" in page and "Việc của nghị quyết" in page


def test_the_secretary_sees_calendar_and_overdue(client, users, invited, past_meeting):
    """A past meeting not recorded as held, and cells without last month's meeting."""
    client.force_login(users["secretary"])
    page = client.get("/").content.decode()
    assert "Lịch sinh hoạt" in page
    assert f"/meetings/{invited.pk}/" in page
    assert "chưa ghi nhận đã họp" in page
    assert "chưa sinh hoạt thường kỳ tháng" in page
