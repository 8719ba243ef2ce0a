"""Alerts about meetings not held, through the task loop's reminder machinery: a cell that
has not held its monthly regular meeting by the month's end, or its quarter's thematic one
by the quarter's end (HD 12 / Chỉ thị 50), is flagged to its secretary and to the level above,
once per period (the period's last day is the alert's day)."""

import datetime as dt
from typing import Any

from django.urls import reverse

from hatnhan.accounts.models import Role
from hatnhan.organizations.models import Organization, OrganizationKind
from hatnhan.tasks.models import NotificationKind
from hatnhan.tasks.reminders import SweepResult, alert

from .models import Meeting, MeetingBody, MeetingKind, MeetingState

CELL_KINDS = (OrganizationKind.CELL, OrganizationKind.GRASSROOTS_CELL)
# The level above is told through those who lead it.
ABOVE_ROLES = ("secretary", "staff")


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def last_periods(today: dt.date) -> tuple[tuple[int, int, dt.date], tuple[int, int, dt.date]]:
    """The month and the quarter that ended most recently before `today`."""
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    quarter_first = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    last_quarter_end = quarter_first - dt.timedelta(days=1)
    quarter = (last_quarter_end.month - 1) // 3 + 1
    return (
        (last_month.year, last_month.month, last_month),
        (last_quarter_end.year, quarter, last_quarter_end),
    )


def _recipients(orgs: list[Organization]) -> dict[int, tuple[list[Any], list[Any]]]:
    """organization id -> (its secretaries' accounts, the level above's)."""
    parent_ids = {o.parent_id for o in orgs if o.parent_id}
    roles = Role.objects.filter(
        user__is_active=True, organization_id__in={o.pk for o in orgs} | parent_ids
    ).select_related("user")
    own: dict[int, list[Any]] = {}
    above: dict[int, list[Any]] = {}
    for role in roles:
        if role.role == "secretary":
            own.setdefault(role.organization_id, []).append(role.user)
        if role.role in ABOVE_ROLES:
            above.setdefault(role.organization_id, []).append(role.user)
    return {
        o.pk: (own.get(o.pk, []), above.get(o.parent_id, []) if o.parent_id else []) for o in orgs
    }


def _send(
    org: Organization,
    people: tuple[list[Any], list[Any]],
    kind: str,
    day: dt.date,
    message: str,
    result: SweepResult,
) -> None:
    link = reverse("meetings:organization", args=[org.pk])
    seen: set[int] = set()
    for user in [*people[0], *people[1]]:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        alert(
            user=user,
            kind=kind,
            about_ref=f"organizations.organization:{org.pk}",
            day=day,
            message=message,
            link=link,
            result=result,
        )


def sweep_missing_meetings(today: dt.date, result: SweepResult) -> None:
    (year, month, m_end), (q_year, quarter, q_end) = last_periods(today)
    cells = list(
        Organization.objects.filter(
            kind__in=CELL_KINDS, is_active=True, created_at__date__lte=m_end
        )
    )
    if not cells:
        return
    held = Meeting.objects.filter(
        organization__in=cells,
        body=MeetingBody.CELL,
        state__in=[MeetingState.HELD, MeetingState.CLOSED],
    )
    had_month = set(
        held.filter(kind=MeetingKind.REGULAR, year=year, month=month).values_list(
            "organization_id", flat=True
        )
    )
    had_quarter = set(
        held.filter(kind=MeetingKind.THEMATIC, year=q_year, quarter=quarter).values_list(
            "organization_id", flat=True
        )
    ) | set(
        # A regular meeting joined with a thematic part is the quarter's thematic meeting too.
        held.filter(
            kind=MeetingKind.REGULAR, has_thematic_part=True, year=q_year, quarter=quarter
        ).values_list("organization_id", flat=True)
    )
    missing_month = [c for c in cells if c.pk not in had_month]
    missing_quarter = [c for c in cells if c.pk not in had_quarter and c.created_at.date() <= q_end]
    people = _recipients(list({c.pk: c for c in missing_month + missing_quarter}.values()))
    for cell in missing_month:
        _send(
            cell,
            people[cell.pk],
            NotificationKind.MEETING_MISSING,
            m_end,
            f"{cell.name} chưa sinh hoạt thường kỳ tháng {month}/{year}.",
            result,
        )
    for cell in missing_quarter:
        _send(
            cell,
            people[cell.pk],
            NotificationKind.THEMATIC_MISSING,
            q_end,
            f"{cell.name} chưa sinh hoạt chuyên đề quý {quarter}/{q_year}.",
            result,
        )
