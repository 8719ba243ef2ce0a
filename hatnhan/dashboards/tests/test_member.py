"""The member's own scorecard (what the year-end review will read, all year): their tasks,
their attendance, reports found substantiated about them; the member reads their own, another
organization's secretary gets 404."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from hatnhan.dashboards import figures, periods
from hatnhan.feedback.models import FeedbackReport
from hatnhan.meetings.models import Attendance, AttendanceStatus
from hatnhan.tasks.models import TaskStatus

from . import records
from .conftest import AS_OF


def test_the_members_own_figures(tree, make_task, users):
    member = users["member"].member
    cell = tree["stc_cell"]
    due = dt.date(2026, 4, 30)
    make_task(cell, due, owner=member, submitted=due, accepted=due)
    make_task(cell, due, owner=member, submitted=dt.date(2026, 5, 3), accepted=dt.date(2026, 5, 4))
    make_task(cell, dt.date(2026, 6, 1), owner=member, status=TaskStatus.IN_PROGRESS)  # 14 days
    make_task(cell, due)  # someone else's
    for month, status in (
        (3, AttendanceStatus.PRESENT),
        (4, AttendanceStatus.PRESENT),
        (5, AttendanceStatus.UNEXCUSED),
    ):
        Attendance.objects.create(
            meeting=records.meeting(cell, month, good=False), member=member, status=status
        )
    report = records.feedback(tree["stc"])[0]
    FeedbackReport.objects.filter(pk=report.pk).update(official_member=member)
    period, _ = periods.parse({"year": "2026"}, AS_OF)
    card = figures.member_scorecard(member, period, AS_OF)
    found = {f.key: f for s in card.sections for f in s.figures}
    assert found["tasks_on_time_rate"].value == Decimal("33.3")  # 1 of 3
    assert found["tasks_overdue"].value == 1
    assert found["tasks_overdue_age"].value == Decimal("14.0")
    assert found["meetings_present_rate"].value == Decimal("66.7")
    assert found["meetings_present_rate"].note == "2/3 cuộc; vắng không lý do: 1"
    assert found["feedback_substantiated"].value == 1
    assert f"assignee={member.pk}" in found["tasks_overdue"].drill_url


def test_the_member_reads_their_own_and_no_one_elses(client, users, tree, make_member):
    member = users["member"].member
    client.force_login(users["member"])
    response = client.get(reverse("dashboards:mine"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:member", args=[member.pk])
    assert client.get(response["Location"]).status_code == 200
    other = make_member(tree["stc_cell"], "Người Khác")
    assert client.get(reverse("dashboards:member", args=[other.pk])).status_code == 404
    client.force_login(users["other"])
    assert client.get(reverse("dashboards:member", args=[member.pk])).status_code == 404
    assert client.get(reverse("dashboards:head", args=[member.pk])).status_code == 404


def test_a_member_without_a_seat_is_sent_to_the_members_scorecard(client, users):
    member = users["member"].member
    client.force_login(users["secretary"])
    response = client.get(reverse("dashboards:head", args=[member.pk]), {"year": "2026"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dashboards:member", args=[member.pk]))
