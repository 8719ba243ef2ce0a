"""The demo's year of briefings (QĐ 138-QĐ/TW 2023, Art. 11): a duty per grassroots
organization, most briefings on time, some late, one missing, conclusions become tasks."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from hatnhan.audit.services import verify_chain
from hatnhan.briefings.models import Briefing, BriefingDuty, Conclusion
from hatnhan.briefings.selectors import PeriodState, duty_schedule
from hatnhan.core.layers import LAYERS
from hatnhan.core.management.commands import demo as demo_command

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)
FOUNDATION = dict(LAYERS)["foundation"]


def test_a_year_of_briefings(monkeypatch):
    parts = [
        (label, module)
        for label, module in demo_command.demo_modules()
        if label in FOUNDATION or label == "briefings"
    ]
    monkeypatch.setattr(demo_command, "demo_modules", lambda: parts)
    call_command("demo", scale=0.05, today=TODAY.isoformat(), stdout=StringIO())
    duties = list(BriefingDuty.objects.select_related("organization"))
    assert duties and {d.frequency for d in duties} >= {"semiannual", "monthly", "quarterly"}
    assert any(d.is_unified for d in duties)
    states = [row.state for d in duties for row in duty_schedule(d, TODAY.year, TODAY)]
    assert states.count(PeriodState.MISSING) == 1
    assert PeriodState.LATE in states and PeriodState.ON_TIME in states
    assert Briefing.objects.filter(kind="requested", status="requested").exists()
    assert Conclusion.objects.filter(task__source_kind="briefing").exists()
    assert verify_chain() == []
