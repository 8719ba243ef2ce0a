"""Time limits of the steps are settings (INSPECTION_STEP_DAYS; REGULATIONS.md §3: the limits
of an inspection itself are unconfirmed); a step past its limit is flagged and alerts the
team once per INSPECTION_OVERDUE_REMIND_EVERY_DAYS through the reminder sweep."""

import datetime as dt

from django.urls import reverse

from hatnhan.inspections import selectors
from hatnhan.inspections.models import Case
from hatnhan.tasks.models import Notification, NotificationKind
from hatnhan.tasks.reminders import send_due_reminders


def _age(case: Case, days: int) -> Case:
    Case.objects.filter(pk=case.pk).update(step_since=case.step_since - dt.timedelta(days=days))
    case.refresh_from_db()
    return case


def test_a_step_past_its_setting_is_flagged_on_the_timeline(
    case, settings, today, client, inspector
):
    """INSPECTION_STEP_DAYS: the decision within 15 days by default; set to 3 here."""
    settings.INSPECTION_STEP_DAYS = {"decision": 3}
    _age(case, 4)
    current = next(r for r in selectors.timeline(case, [], today) if r["state"] == "current")
    assert current["overdue"] and current["due"] == case.step_since + dt.timedelta(days=3)
    client.force_login(inspector)
    assert "quá hạn" in client.get(reverse("inspections:case", args=[case.pk])).text
    settings.INSPECTION_STEP_DAYS = {"decision": 30}
    current = next(r for r in selectors.timeline(case, [], today) if r["state"] == "current")
    assert not current["overdue"]


def test_the_sweep_alerts_the_team_once_per_period(case, settings, today, bloc_people, inspector):
    """INSPECTION_OVERDUE_REMIND_EVERY_DAYS: again a week later, not on every sweep."""
    settings.INSPECTION_STEP_DAYS = {"decision": 3}
    settings.INSPECTION_OVERDUE_REMIND_EVERY_DAYS = 7
    _age(case, 5)
    send_due_reminders(today=today, email=False)
    send_due_reminders(today=today, email=False)
    send_due_reminders(today=today + dt.timedelta(days=1), email=False)
    alerts = Notification.objects.filter(kind=NotificationKind.INSPECTION_OVERDUE)
    assert alerts.count() == 1
    note = alerts.get()
    assert note.user == inspector  # the opener, also the team head's account here
    assert note.about_ref == f"inspections.case:{case.pk}"
    assert note.link == reverse("inspections:case", args=[case.pk])
    send_due_reminders(today=today + dt.timedelta(days=7), email=False)
    assert alerts.count() == 2
