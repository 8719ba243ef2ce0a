"""`hatnhan synth`: a deterministic dataset in the right proportions, audited in a chain."""

import datetime as dt

import pytest
from django.core.management import call_command

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import verify_chain
from hatnhan.exchange.synth import synthesize
from hatnhan.members.models import CommitteeSeat, Member
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import Acceptance, ProgressUpdate, Task, TaskCoworker, TaskStatus

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


def _names(after: int) -> list[str]:
    return list(
        Member.objects.filter(pk__gt=after).order_by("pk").values_list("full_name", flat=True)
    )


def test_synth_builds_a_consistent_audited_dataset():
    counts = synthesize(members=120, seed=7, today=TODAY, progress=lambda _: None)
    assert Member.objects.count() == counts.members == 120
    assert counts.organizations == Organization.objects.count() >= 6
    cells = Organization.objects.filter(kind="cell")
    assert set(Member.objects.values_list("organization__kind", flat=True)) == {"cell"}
    assert all(c.path.startswith(c.parent.path) for c in cells.select_related("parent"))
    assert Task.objects.count() == counts.tasks == pytest.approx(120 * 3.6, abs=10)
    done = Task.objects.filter(status=TaskStatus.DONE)
    assert Acceptance.objects.count() == done.count() > 0
    assert ProgressUpdate.objects.filter(task__in=done, percent=100).count() == done.count()
    assert CommitteeSeat.objects.count() == 2 * cells.count()
    # Some tasks have a co-worker: another member of the task's own cell.
    links = TaskCoworker.objects.select_related("task", "member")
    assert links.count() == counts.coworkers > 0
    assert all(
        link.member_id != link.task.owner_id
        and link.member.organization_id == link.task.organization_id
        for link in links
    )
    assert AuditEvent.objects.filter(action="member.create").count() == 120
    assert verify_chain() == []
    # Ids continue after the loaded rows: the next ordinary write gets a free one.
    assert Member.objects.order_by("-pk").first().pk == Member.objects.count()


def test_the_same_seed_gives_the_same_rows():
    synthesize(members=40, seed=3, today=TODAY, progress=lambda _: None)
    first = _names(0)
    last = Member.objects.order_by("-pk").first().pk
    call_command("synth", members=40, seed=3, today=TODAY, json=True)
    assert _names(last) == first
    assert verify_chain() == []
