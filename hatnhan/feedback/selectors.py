"""Reads of citizens' reports: through the restriction, never the reporter's identity (the
one read of it is services.view_identity); the public statistics (SQL aggregates, small
counts suppressed); the substantiated figure the scorecards and year-end evaluation read."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404

from hatnhan.core.restrict import CUSTODY, VIEW, reach
from hatnhan.organizations.models import Organization

from .models import (
    AWAITING_TRIAGE,
    Category,
    FeedbackReport,
    IdentityRequest,
    RequestStatus,
    Status,
)

# Never the identity columns: a list or export that does not load them cannot show them.
LIST_DEFER = ("reporter_name", "reporter_contact", "reporter_details", "secret_hash")


def report_list(user: Any) -> QuerySet[FeedbackReport]:
    """The reports `user` handles or reads; a report naming them (the official linked at
    triage) is not theirs to read."""
    reports = FeedbackReport.objects.restrict(user, VIEW)
    member_id = getattr(user, "member_id", None)
    if member_id:
        reports = reports.exclude(official_member_id=member_id)
    return reports.select_related("organization").defer(*LIST_DEFER)


def report_detail(user: Any, report_id: int) -> FeedbackReport:
    return get_object_or_404(report_list(user), pk=report_id)


def overdue_q(today: dt.date) -> Q:
    return Q(status__in=AWAITING_TRIAGE, triage_due__lt=today) | Q(
        status=Status.TRIAGED, answer_due__lt=today
    )


def board_counts(reports: QuerySet[FeedbackReport], today: dt.date) -> dict[str, int]:
    return reports.aggregate(
        to_verify=Count("pk", filter=Q(status=Status.TO_VERIFY)),
        received=Count("pk", filter=Q(status=Status.RECEIVED)),
        triaged=Count("pk", filter=Q(status=Status.TRIAGED)),
        answered=Count("pk", filter=Q(status=Status.ANSWERED)),
        overdue=Count("pk", filter=overdue_q(today)),
    )


def custody_requests(user: Any) -> QuerySet[IdentityRequest]:
    """Identity requests a custodian decides: those about reports of their subtree."""
    paths = reach(user, CUSTODY)
    if not paths:
        return IdentityRequest.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(report__organization__path__startswith=path)
    return (
        IdentityRequest.objects.filter(condition)
        .select_related("report__organization", "requested_by__member", "decided_by__member")
        .defer(*(f"report__{name}" for name in LIST_DEFER))
    )


def custody_request(user: Any, identity_request_id: int) -> IdentityRequest:
    return get_object_or_404(custody_requests(user), pk=identity_request_id)


# --- public statistics ----------------------------------------------------------------------
def _shown(count: int) -> int | None:
    """A count, or None where it is too small to show (FEEDBACK_STATS_MIN_COUNT)."""
    return count if count >= settings.FEEDBACK_STATS_MIN_COUNT else None


def statistics(organization: Organization | None, year: int) -> dict[str, Any]:
    """An agency's figures (or the whole bloc's, `organization=None`) for a year: reports by
    category and by month, the share answered within the limit, the median working days to
    answer. No personal data; each figure counting fewer reports than the setting is None."""
    reports = FeedbackReport.objects.filter(received_on__year=year)
    if organization is not None:
        reports = reports.filter(organization__path__startswith=organization.path)
    by_category = dict(
        reports.values_list("category").annotate(n=Count("pk")).values_list("category", "n")
    )
    by_month = {
        row["month"].month: row["n"]
        for row in reports.annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }
    answered = reports.filter(answered_on__isnull=False)
    totals = reports.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
        in_time=Count("pk", filter=Q(answered_on__isnull=False, answered_on__lte=F("answer_due"))),
    )
    median = None
    n = totals["answered"]
    if _shown(n) is not None:
        # The middle row in SQL order (the lower middle for an even count): no rows in Python.
        median = answered.order_by("answer_days").values_list("answer_days", flat=True)[
            (n - 1) // 2
        ]
    share = round(100 * totals["in_time"] / n) if _shown(n) is not None else None
    return {
        "total": _shown(totals["total"]),
        "by_category": [
            (label, _shown(by_category.get(value, 0))) for value, label in Category.choices
        ],
        "by_month": [(month, _shown(by_month.get(month, 0))) for month in range(1, 13)],
        "answered": _shown(n),
        "share_in_time": share,
        "median_days": median,
        "min_count": settings.FEEDBACK_STATS_MIN_COUNT,
    }


# --- for the judgment layer -----------------------------------------------------------------
def substantiated_per_organization(period_start: dt.date, period_end: dt.date) -> dict[int, int]:
    """Substantiated reports closed in the period, by receiving organization id (the
    scorecard and the year-end evaluation read it; organizations with none are absent)."""
    rows = (
        FeedbackReport.objects.filter(
            status=Status.CLOSED,
            substantiated=True,
            closed_on__gte=period_start,
            closed_on__lte=period_end,
        )
        .values("organization")
        .annotate(n=Count("pk"))
        .values_list("organization", "n")
    )
    return dict(rows)


def pending_identity(report: FeedbackReport) -> QuerySet[IdentityRequest]:
    return report.identity_requests.filter(status=RequestStatus.PENDING)
