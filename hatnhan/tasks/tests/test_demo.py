"""The demo's task year: every state, overdue ones, consistent derived fields, deterministic."""

import datetime as dt
import io
import random

from django.db import transaction
from django.db.models import Count

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import move_anchor, verify_chain
from hatnhan.directives import demo as directives_demo
from hatnhan.directives.models import Directive, FocusIssue, Resolution, YearTheme
from hatnhan.tasks import demo as tasks_demo
from hatnhan.tasks.models import Acceptance, Notification, ProgressUpdate, Task, TaskStatus

TODAY = dt.date(2026, 11, 25)


def _populate(seed: str = "2017") -> None:
    out = io.StringIO()
    directives_demo.populate(rng=random.Random(f"{seed}:directives"), today=TODAY, stdout=out)
    tasks_demo.populate(rng=random.Random(f"{seed}:tasks"), today=TODAY, stdout=out)


def _fingerprint() -> list[tuple]:
    return list(
        Task.objects.order_by("id").values_list(
            "title",
            "status",
            "owner_id",
            "start_date",
            "due_date",
            "original_due_date",
            "percent",
            "outcome",
        )
    )


def test_demo_has_the_articles_directives_and_a_year_of_work(users, tree, make_member):
    for i in range(12):
        make_member(tree["stc_cell" if i % 2 else "syt_cell"], f"Đảng viên {i}")
    _populate()
    numbers = set(Directive.objects.values_list("number_symbol", flat=True))
    assert {"04-NQ/TW", "05-CT/TW", "26/CT-TTg", "17-CT/TU", "01-NQ/ĐU"} <= numbers
    assert YearTheme.objects.filter(year=2017, title__startswith="Kỷ luật, kỷ cương").exists()
    assert YearTheme.objects.filter(year=TODAY.year).exists()
    assert Resolution.objects.filter(organization=tree["stc"], kind="monthly").count() == 12
    assert FocusIssue.objects.filter(directives__number_symbol="26/CT-TTg").exists()

    states = dict(Task.objects.values_list("status").annotate(n=Count("id")))
    assert set(states) == set(TaskStatus.values), states
    assert Task.objects.overdue(TODAY).exists()
    assert Task.objects.filter(parent__isnull=False).exists()
    assert Task.objects.filter(previous_occurrence__isnull=False, recurrence="monthly").exists()
    # Derived fields as the services keep them.
    assert not Task.objects.filter(status="done", outcome="").exists()
    assert not Task.objects.filter(status="cancelled", cancel_reason="").exists()
    assert not Task.objects.filter(due_date__lt=models_F("original_due_date")).exists()
    for task in Task.objects.filter(status="done")[:50]:
        assert Acceptance.objects.filter(task=task, decision="accepted").count() == 1
        assert task.accepted_by is None or task.accepted_by.member_id != task.owner_id
    for parent in Task.objects.filter(children__isnull=False).distinct()[:20]:
        from hatnhan.tasks.services import rolled_up_percent

        assert parent.percent == rolled_up_percent(parent)
        if parent.status in ("done", "awaiting_acceptance"):
            assert not parent.children.exclude(status__in=("done", "cancelled")).exists()
    # Owners stay inside their organization's subtree.
    for task in Task.objects.select_related("owner__organization", "organization")[:200]:
        assert task.owner.organization.path.startswith(task.organization.path)
    # The member's demo account has work of its own and today's reminders.
    assert Task.objects.restrict(users["member"]).exists()
    assert Notification.objects.exists()
    # An audit trail like real use: one creation event per record, no summary event.
    events = AuditEvent.objects.values_list("action").annotate(n=Count("id"))
    counts = dict(events)
    assert counts["task.create"] == Task.objects.count()
    assert counts["task.progress"] == ProgressUpdate.objects.count()
    assert counts["task.acceptance"] == Acceptance.objects.count()
    assert counts["resolution.create"] == Resolution.objects.count()
    assert counts["focus_issue.create"] == FocusIssue.objects.count()
    assert not AuditEvent.objects.filter(action__startswith="demo.").exists()
    move_anchor()
    assert verify_chain() == []


def models_F(name):
    from django.db.models import F

    return F(name)


def test_demo_is_deterministic(users, tree, make_member):
    for i in range(6):
        make_member(tree["stc_cell"], f"Đảng viên {i}")
    with transaction.atomic():
        _populate()
        first = _fingerprint()
        transaction.set_rollback(True)
    _populate()
    assert _fingerprint() == first and first
