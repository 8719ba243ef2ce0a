"""The leak test: a unique contact string planted in a report, then every feedback page,
export and API answer as every role not approved to see it, every e-mail in the outbox and
every audit event's before/after: zero hits. An approved handler does see it (the search
works), and the database keeps it encrypted."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from hatnhan.audit.models import AuditEvent
from hatnhan.feedback import services
from hatnhan.feedback.models import FeedbackFile, IdentityRequest
from hatnhan.tasks.reminders import send_due_reminders
from hatnhan.tasks.tests.conftest import png

from .conftest import PLANTED, PLANTED_NAME

pytestmark = pytest.mark.django_db

NON_APPROVED = ["admin", "staff", "committee", "inspector", "member", "other", "custodian"]


@pytest.fixture
def world(report, users, custodian, make_member, tree):
    """A report gone through every step: identity asked, approved for the secretary and
    viewed, a second request refused, a task and a case, overdue alerts e-mailed."""
    for user in [*users.values(), custodian]:
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    secretary = users["secretary"]
    late, _ = services.submit_report(
        organization=tree["stc"],
        category="delay",
        description="Hồ sơ quá hạn hai tháng.",
        reporter_contact=PLANTED,
        reporter_name=PLANTED_NAME,
        files=[png("hoang-thi-xuyen-bi-mat.png")],
        verified=True,
        now=dt.datetime(2026, 1, 5, 3, tzinfo=dt.UTC),
    )
    approved = services.request_identity(actor=secretary, report=report, reason="Xác minh")
    services.decide_identity(actor=custodian, request=approved, approve=True)
    services.view_identity(actor=secretary, report=report)
    refused = services.request_identity(actor=users["committee"], report=report, reason="Xem")
    services.decide_identity(actor=custodian, request=refused, approve=False, note="Không cần.")
    services.triage_report(actor=secretary, report=report)
    owner = make_member(tree["stc"], "Đỗ Văn Xử")
    services.report_to_task(
        actor=secretary, report=report, owner=owner, due_date=dt.date(2099, 1, 1)
    )
    services.report_to_case(actor=secretary, report=report)
    services.answer_report(actor=secretary, report=report, answer="Đã xử lý.")
    send_due_reminders(today=dt.date(2026, 3, 1))
    return {
        "report": report,
        "late": late,
        "request": refused,
        "file": FeedbackFile.objects.get(report=late),
    }


def _urls(world) -> list[str]:
    r, late = world["report"].pk, world["late"].pk
    pages = [
        reverse("feedback:board"),
        reverse("feedback:board") + "?status=triaged",
        reverse("feedback:export"),
        reverse("feedback:custody"),
        reverse("feedback:custody-decide", args=[world["request"].pk]),
        reverse("feedback:file", args=[world["file"].pk]),
        reverse("feedback:public-index"),
        reverse("feedback:public-stats"),
        reverse("feedback:public-report", args=["STC"]),
        reverse("feedback:public-agency-stats", args=["STC"]),
        reverse("feedback:public-follow"),
        "/api/v1/feedback-reports/",
        "/api/v1/audit-events/",
        "/api/v1/notifications/",
        "/api/v1/tasks/",
        "/api/v1/inspection-cases/",
        reverse("tasks:notifications"),
    ]
    for pk in (r, late):
        pages += [
            reverse(f"feedback:{name}", args=[pk])
            for name in (
                "report",
                "verify",
                "triage",
                "answer",
                "task",
                "case",
                "close",
                "identity-request",
                "identity",
            )
        ]
        pages += [f"/api/v1/feedback-reports/{pk}/", f"/api/v1/feedback-reports/{pk}/identity/"]
    return pages


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxml"):
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content))
        return json.dumps(
            [list(row) for s in book for row in s.iter_rows(values_only=True)], default=str
        )
    return content.decode("utf-8", "replace")


@pytest.mark.parametrize("who", [*NON_APPROVED, "anonymous"])
def test_no_page_export_or_api_answer_shows_who_reported(client, world, users, custodian, who):
    if who != "anonymous":
        client.force_login(custodian if who == "custodian" else users[who])
    for url in _urls(world):
        response = client.get(url)
        body = _body(response)
        assert PLANTED not in body, f"{who} sees the contact at {url}"
        assert PLANTED_NAME not in body, f"{who} sees the name at {url}"
        assert "hoang-thi-xuyen" not in body, f"{who} sees the file name at {url}"


def test_no_email_and_no_audit_event_carries_it(world):
    assert mail.outbox, "the overdue alert must have been e-mailed"
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}\n{getattr(message, 'alternatives', '')}"
        assert PLANTED not in text and PLANTED_NAME not in text
    events = AuditEvent.objects.all()
    assert events.filter(action="feedback_identity.view").exists()
    for event in events:
        text = json.dumps([event.before, event.after], ensure_ascii=False)
        assert PLANTED not in text and PLANTED_NAME not in text, event.action
        assert "xuyen" not in text, event.action  # nor the person's own file name


def test_the_approved_handler_sees_it_and_the_database_keeps_it_encrypted(client, world, users):
    client.force_login(users["secretary"])
    page = client.get(reverse("feedback:identity", args=[world["report"].pk]))
    assert PLANTED in page.content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reporter_contact, reporter_name FROM feedback_feedbackreport")
        stored = json.dumps(cursor.fetchall(), ensure_ascii=False)
    assert PLANTED not in stored and PLANTED_NAME not in stored
    assert IdentityRequest.objects.filter(report=world["report"]).count() == 2
