"""Late and missing briefings reminded like tasks (tasks.reminders runs this in its sweep):
BRIEFING_DUE some days before the due date (BRIEFING_REMINDER_DAYS_BEFORE) and BRIEFING_LATE
once it has passed with nothing filed, each to the head and the organization's secretaries,
each once (tasks.reminders.alert records one per user, kind, record and due date)."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse

from hatnhan.accounts.models import Role
from hatnhan.tasks.models import NotificationKind
from hatnhan.tasks.reminders import SweepResult, alert

from .models import Briefing, BriefingDuty, BriefingKind, BriefingStatus
from .schedule import periods_due_between


def _recipients(duty: BriefingDuty, secretaries: dict[int, list[Any]]) -> list[Any]:
    users = list(secretaries.get(duty.organization_id, []))
    head_account = getattr(duty.head, "account", None)
    if head_account is not None and head_account.is_active and head_account not in users:
        users.insert(0, head_account)
    return users


def sweep(today: dt.date, result: SweepResult) -> None:
    ahead = max(0, int(settings.BRIEFING_REMINDER_DAYS_BEFORE))
    behind = max(1, int(settings.BRIEFING_LATE_LOOKBACK_DAYS))
    first, last = today - dt.timedelta(days=behind), today + dt.timedelta(days=ahead)
    duties = list(
        BriefingDuty.objects.filter(is_active=True, organization__is_active=True).select_related(
            "organization", "head__account"
        )
    )
    if not duties:
        return
    secretaries: dict[int, list[Any]] = {}
    for role in Role.objects.filter(
        role="secretary", user__is_active=True, organization__in=[d.organization_id for d in duties]
    ).select_related("user"):
        secretaries.setdefault(role.organization_id, []).append(role.user)
    briefings = list(
        Briefing.objects.filter(duty__in=duties, due_date__gte=first - dt.timedelta(days=200))
    )
    filed = {(b.duty_id, b.period_start) for b in briefings if b.kind == BriefingKind.PERIODIC}
    for duty in duties:
        users = _recipients(duty, secretaries)
        if not users:
            continue
        link = reverse("briefings:duty", args=[duty.pk])
        for period in periods_due_between(duty, first, last):
            if (duty.pk, period.start) in filed or period.end < duty.starts_on:
                continue
            _alert(
                users,
                f"briefings.briefingduty:{duty.pk}",
                period.due,
                today,
                link,
                result,
                what=f"báo cáo kỳ {period.label} của {duty.organization.name}",
            )
    by_duty = {d.pk: d for d in duties}
    for b in briefings:
        if b.status != BriefingStatus.REQUESTED or not first <= b.due_date <= last:
            continue
        duty = by_duty[b.duty_id]
        _alert(
            _recipients(duty, secretaries),
            b.ref,
            b.due_date,
            today,
            reverse("briefings:detail", args=[b.pk]),
            result,
            what=f"báo cáo cấp ủy yêu cầu ({b.request_note[:80]}) của {duty.organization.name}",
        )


def _alert(
    users: list[Any],
    ref: str,
    due: dt.date,
    today: dt.date,
    link: str,
    result: SweepResult,
    *,
    what: str,
) -> None:
    # Once each: the due date is the day every alert about this briefing is recorded under.
    if today > due:
        kind = NotificationKind.BRIEFING_LATE
        message = f"Chậm báo cáo: {what}, hạn {due:%d/%m/%Y} (QĐ 138-QĐ/TW, Điều 11)."
    else:
        kind = NotificationKind.BRIEFING_DUE
        message = f"Đến hạn báo cáo: {what}, hạn {due:%d/%m/%Y}."
    for user in users:
        alert(
            user=user, kind=kind, about_ref=ref, day=due, message=message, link=link, result=result
        )
