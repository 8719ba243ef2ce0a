"""The reminder sweep's part for citizens' reports: a report not triaged by its triage
deadline, or not answered by its answer deadline, alerts those who handle it and those above
them in the tree (a secretary or committee of the report's organization or an ancestor, the
bloc's staff and admin), once per FEEDBACK_OVERDUE_REMIND_EVERY_DAYS. The alert names the
receipt code and category only, never who reported."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from hatnhan.core.restrict import ancestor_paths
from hatnhan.tasks.models import NotificationKind
from hatnhan.tasks.reminders import SweepResult, alert

from .models import AWAITING_TRIAGE, FeedbackReport, IdentityRequest, RequestStatus, Status

# The roles alerted, in the report's organization or above it.
ALERTED_ROLES = ("admin", "staff", "secretary", "committee")


def overdue_on(report: FeedbackReport, today: dt.date) -> tuple[str, dt.date] | None:
    """("triage" or "answer", the deadline) when the report is past one on `today`."""
    if report.status in AWAITING_TRIAGE and report.triage_due < today:
        return "triage", report.triage_due
    if report.status == Status.TRIAGED and report.answer_due and report.answer_due < today:
        return "answer", report.answer_due
    return None


def pending_identity_requests(today: dt.date, result: SweepResult) -> None:
    """A request to see who reported waits for a custodian over the report's organization:
    each custodian is told once (the receipt code, never the reporter)."""
    users = get_user_model().objects.filter(is_active=True)
    pending = IdentityRequest.objects.filter(status=RequestStatus.PENDING).select_related(
        "report__organization"
    )
    for request in pending.iterator():
        path = request.report.organization.path
        custodians = users.filter(
            roles__role="custodian",
            roles__organization__path__in=sorted(ancestor_paths(path)),
            roles__organization__is_active=True,
        ).distinct()
        for user in custodians:
            alert(
                user=user,
                kind=NotificationKind.FEEDBACK,
                about_ref=f"feedback.identityrequest:{request.pk}",
                day=request.created_at.date(),
                message=f"Có đề nghị xem danh tính người phản ánh {request.report.receipt_code} "
                "chờ đồng chí quyết định.",
                link=reverse("feedback:custody-decide", args=[request.pk]),
                result=result,
            )


def overdue_reports(today: dt.date, result: SweepResult) -> None:
    pending_identity_requests(today, result)
    every = max(1, int(settings.FEEDBACK_OVERDUE_REMIND_EVERY_DAYS))
    reports = FeedbackReport.objects.filter(
        Q(status__in=AWAITING_TRIAGE, triage_due__lt=today)
        | Q(status=Status.TRIAGED, answer_due__lt=today)
    ).select_related("organization")
    users = get_user_model().objects.filter(is_active=True)
    for report in reports.iterator():
        late = overdue_on(report, today)
        if late is None:
            continue
        what, due = late
        days = (today - due).days
        day = due + dt.timedelta(days=(days - 1) // every * every + 1)
        recipients = users.filter(
            roles__role__in=ALERTED_ROLES,
            roles__organization__path__in=sorted(ancestor_paths(report.organization.path)),
            roles__organization__is_active=True,
        ).distinct()
        doing = "phân loại" if what == "triage" else "trả lời"
        message = (
            f"Phản ánh {report.receipt_code} ({report.get_category_display()}) của "
            f"{report.organization.name} quá hạn {doing} {days} ngày (hạn {due:%d/%m/%Y})."
        )
        for user in recipients:
            alert(
                user=user,
                kind=NotificationKind.FEEDBACK,
                about_ref=f"{report.ref}:{what}",
                day=day,
                message=message,
                link=reverse("feedback:report", args=[report.pk]),
                result=result,
            )
