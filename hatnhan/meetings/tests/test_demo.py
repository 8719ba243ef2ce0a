"""The meetings' demo part: a year of meetings for every cell (regular monthly, thematic each
quarter), some poor, one cell that skipped a month; last month's resolution in the task loop;
the audit chain intact."""

import datetime as dt
import random
from io import StringIO

import pytest

from hatnhan.audit.services import verify_chain
from hatnhan.meetings import demo, quality
from hatnhan.meetings.models import Attendance, Meeting, MeetingKind, MeetingState
from hatnhan.organizations.models import OrganizationKind
from hatnhan.organizations.services import create_organization
from hatnhan.tasks.models import SourceKind, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def cells(tree, make_member):
    made = [tree["stc_cell"], tree["syt_cell"]]
    for n in range(4):
        made.append(
            create_organization(
                actor=None,
                code=f"STC-C{n}",
                name=f"Chi bộ {n}",
                kind=OrganizationKind.CELL,
                parent=tree["stc"],
            )
        )
    for cell in made:
        for i in range(5):
            make_member(cell, f"Đảng viên {cell.code} {i}")
    return made


def test_a_year_of_meetings(cells):
    today = dt.date(2026, 12, 20)
    assert not demo.loaded()
    demo.populate(rng=random.Random(1), today=today, stdout=StringIO())
    assert demo.loaded()
    for cell in cells:
        regular = Meeting.objects.filter(organization=cell, kind=MeetingKind.REGULAR)
        assert regular.count() in (12, 13)  # the skipper misses one
        assert Meeting.objects.filter(organization=cell, kind=MeetingKind.THEMATIC).count() >= 3
    counts = [
        Meeting.objects.filter(organization=c, kind=MeetingKind.REGULAR).count() for c in cells
    ]
    assert sorted(counts) == [12] + [13] * (len(cells) - 1)  # one cell skipped a month
    # The coming meeting is planned with its invitations out; the past ones were held.
    assert Meeting.objects.filter(
        state=MeetingState.PLANNED, planned_start__date__gt=today
    ).exists()
    assert Attendance.objects.filter(status="unexcused").exists()
    levels = {
        quality.meeting_result(m).level
        for m in Meeting.objects.filter(state=MeetingState.CLOSED)[:60]
    }
    assert "poor" in levels or "average" in levels
    assert Task.objects.filter(source_kind=SourceKind.MEETING).exists()
    assert verify_chain() == []
