"""The month calendar of due dates."""

import calendar as pycalendar
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hatnhan.core.filters import filter_list

from .. import selectors
from ..filters import CalendarFilter

# Tasks shown in one day of the calendar before a "more" link.
DAY_LIMIT = 6


# --- Calendar ---------------------------------------------------------------------------------
@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filterset, tasks = filter_list(CalendarFilter, request, selectors.task_list(request.user))
    chosen = filterset.form.cleaned_data
    first = chosen.get("month") or today.replace(day=1)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    mine_only = bool(chosen.get("mine"))
    by_day, totals = selectors.calendar_tasks(
        tasks, start=weeks[0][0], end=weeks[-1][-1], per_day=DAY_LIMIT
    )
    # A busy day shows its first few tasks and links to the rest on the board.
    grid = [
        [(day, by_day.get(day, []), totals.get(day, 0) - DAY_LIMIT) for day in week]
        for week in weeks
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "tasks/calendar.html",
        {
            "first": first,
            "grid": grid,
            "today": today,
            "previous": previous,
            "following": following,
            "mine_only": mine_only,
            "has_member": bool(getattr(request.user, "member_id", None)),
            "filter_problems": filterset.problems(),
            "count": sum(totals.values()),
        },
    )
