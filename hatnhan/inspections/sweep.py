"""The reminder sweep's part for inspections: a case whose current step is past its time limit
(INSPECTION_STEP_DAYS) alerts its team head and whoever opened it, once per
INSPECTION_OVERDUE_REMIND_EVERY_DAYS (hatnhan.tasks.reminders.alert)."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from hatnhan.tasks.models import NotificationKind
from hatnhan.tasks.reminders import SweepResult, alert

from .models import Case, Step
from .services import step_due


def overdue_on(case: Case, today: dt.date) -> dt.date | None:
    """The day the case's current step fell due, if it is past it on `today`."""
    if case.step == Step.CLOSED:
        return None
    due = step_due(case.step, case.step_since)
    return due if due is not None and due < today else None


def overdue_steps(today: dt.date, result: SweepResult) -> None:
    every = max(1, int(settings.INSPECTION_OVERDUE_REMIND_EVERY_DAYS))
    cases = Case.objects.exclude(step=Step.CLOSED).select_related("team_head")
    users = get_user_model().objects.filter(is_active=True)
    for case in cases.iterator():
        due = overdue_on(case, today)
        if due is None:
            continue
        late = (today - due).days
        # Once per period: the period's first day is the day the alert is about.
        day = due + dt.timedelta(days=(late - 1) // every * every + 1)
        recipients = set()
        if case.team_head_id:
            recipients |= set(
                users.filter(member_id=case.team_head_id).values_list("pk", flat=True)
            )
        if case.created_by_id:
            recipients.add(case.created_by_id)
        message = (
            f"Cuộc kiểm tra “{case.title}” quá hạn ở bước “{case.get_step_display()}” "
            f"({late} ngày, hạn {due:%d/%m/%Y})."
        )
        for user in users.filter(pk__in=recipients):
            alert(
                user=user,
                kind=NotificationKind.INSPECTION_OVERDUE,
                about_ref=f"inspections.case:{case.pk}",
                day=day,
                message=message,
                link=reverse("inspections:case", args=[case.pk]),
                result=result,
            )
