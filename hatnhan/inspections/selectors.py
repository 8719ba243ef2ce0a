"""Reads for inspections, through the restriction: the inspecting body's reads (Case, by
INSPECTION_CASE_ACCESS) and the subject's (SubjectCase: only once the subject was told)."""

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count, Min, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from hatnhan.core.restrict import VIEW
from hatnhan.tasks.models import Task, TaskStatus, overdue_q

from .models import (
    STEP_ORDER,
    Case,
    CaseRead,
    CaseStep,
    Finding,
    Program,
    ProgramItem,
    Recommendation,
    SpotCheck,
    SpotCheckResult,
    Step,
    SubjectCase,
)
from .services import severities, step_due

# The subject is told at the notice step; before it, the case is the body's alone.
TOLD_STEPS = STEP_ORDER[STEP_ORDER.index(Step.SELF_REPORT) :]


def program_list(user: Any) -> QuerySet[Program]:
    return (
        Program.objects.restrict(user, VIEW)
        .select_related("organization")
        .annotate(item_count=Count("items", distinct=True))
        .order_by("-year", "organization__path", "body")
    )


def program_detail(user: Any, program_id: int) -> Program:
    return get_object_or_404(
        Program.objects.restrict(user, VIEW).select_related("organization", "created_by"),
        pk=program_id,
    )


def program_items(user: Any) -> QuerySet[ProgramItem]:
    """Before the list's filters (ProgramItemFilter)."""
    return (
        ProgramItem.objects.restrict(user, VIEW)
        .select_related("program__organization", "subject_organization", "subject_member")
        .prefetch_related(
            Prefetch("cases", queryset=Case.objects.only("pk", "program_item", "step"))
        )
        .order_by("planned_start", "id")
    )


def case_list(user: Any) -> QuerySet[Case]:
    """Before the list's filters (CaseFilter)."""
    return (
        Case.objects.restrict(user, VIEW)
        .select_related("organization", "subject_organization", "subject_member", "team_head")
        .annotate(finding_count=Count("findings", distinct=True))
        .order_by("-created_at", "-id")
    )


def case_detail(user: Any, case_id: int) -> Case:
    return get_object_or_404(
        Case.objects.restrict(user, VIEW).select_related(
            "organization",
            "subject_organization",
            "subject_member",
            "team_head",
            "program_item__program",
            "created_by__member",
        ),
        pk=case_id,
    )


def case_steps(case: Case) -> list[CaseStep]:
    return list(case.steps.select_related("done_by__member").order_by("recorded_at", "id"))


def case_findings(case: Case) -> list[Finding]:
    return list(
        case.findings.select_related("recorded_by__member", "checklist_result")
        .prefetch_related(
            "files",
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("task__owner"),
            ),
        )
        .order_by("id")
    )


def spot_checks(case: Case) -> list[SpotCheck]:
    return list(
        case.spot_checks.select_related("recorded_by__member").prefetch_related(
            Prefetch(
                "results",
                queryset=SpotCheckResult.objects.select_related("finding").order_by("id"),
            )
        )
    )


def reads(case: Case, limit: int = 200) -> list[CaseRead]:
    return list(case.reads.select_related("user__member").order_by("-read_at", "-id")[:limit])


def timeline(case: Case, steps: list[CaseStep], today: dt.date) -> list[dict[str, Any]]:
    """Every step in QĐ 296's order: done or skipped (with who, when, the reason), the one the
    case stands at (with its due day and whether it is past it), or still ahead."""
    done = {s.step: s for s in steps}
    rows = []
    for value, label in Step.choices:
        if value == Step.CLOSED:
            continue
        row: dict[str, Any] = {"step": value, "label": label, "record": done.get(value)}
        if value in done:
            row["state"] = done[value].outcome
        elif value == case.step:
            due = step_due(value, case.step_since)
            row |= {"state": "current", "due": due, "overdue": due is not None and due < today}
        else:
            row["state"] = "ahead"
        rows.append(row)
    return rows


def remediation(case: Case) -> list[Task]:
    return list(
        Task.objects.filter(inspection_recommendation__finding__case=case)
        .select_related("owner", "organization")
        .order_by("due_date", "id")
    )


# --- the subject's side ----------------------------------------------------------------------
def subject_cases(user: Any) -> QuerySet[SubjectCase]:
    return (
        SubjectCase.objects.restrict(user, VIEW)
        .filter(step__in=TOLD_STEPS)
        .select_related("organization", "subject_organization", "subject_member")
        .order_by("-notice_date", "-id")
    )


def subject_case(user: Any, case_id: int) -> SubjectCase:
    return get_object_or_404(subject_cases(user), pk=case_id)


def conclusion_sent(case: Case) -> bool:
    return STEP_ORDER.index(case.step) > STEP_ORDER.index(Step.CONCLUSION)


# --- the board -------------------------------------------------------------------------------
def board(user: Any, today: dt.date, year: int) -> dict[str, Any]:
    """The inspection committee's board: the program's progress, open cases by step and age,
    findings by severity, overdue remediation. A fixed number of queries."""
    cases = Case.objects.restrict(user, VIEW)
    items = ProgramItem.objects.restrict(user, VIEW).filter(program__year=year)
    item_total = items.count()
    item_started = items.filter(cases__isnull=False).distinct().count()
    item_done = items.filter(cases__step=Step.CLOSED).distinct().count()
    # A case's age runs from the day its first step began (the day it was opened).
    open_cases = list(
        cases.exclude(step=Step.CLOSED)
        .select_related("subject_organization", "subject_member")
        .annotate(opened_on=Min("steps__started_on"))
        .order_by("step_since", "id")
    )
    by_step: dict[str, list[dict[str, Any]]] = {}
    for case in open_cases:
        due = step_due(case.step, case.step_since)
        by_step.setdefault(case.step, []).append(
            {
                "case": case,
                "age": (today - (case.opened_on or case.step_since)).days,
                "in_step": (today - case.step_since).days,
                "overdue": due is not None and due < today,
            }
        )
    steps = [(v, label, by_step[v]) for v, label in Step.choices if v in by_step]
    counts = Counter(
        Finding.objects.restrict(user, VIEW)
        .filter(case__created_at__year=year)
        .values_list("severity", flat=True)
    )
    scale = severities()
    by_severity = [(label, counts.get(code, 0)) for code, label in scale.items()]
    overdue = list(
        Task.objects.filter(
            inspection_recommendation__in=Recommendation.objects.restrict(user, VIEW)
        )
        .filter(overdue_q(today))
        .select_related("owner", "organization")
        .order_by("due_date", "id")[:100]
    )
    return {
        "item_total": item_total,
        "item_started": item_started,
        "item_done": item_done,
        "open_count": len(open_cases),
        "steps": steps,
        "by_severity": by_severity,
        "overdue": overdue,
        "closed_count": cases.filter(step=Step.CLOSED, closed_on__year=year).count(),
        "accepted_count": Task.objects.filter(
            inspection_recommendation__in=Recommendation.objects.restrict(user, VIEW),
            status=TaskStatus.DONE,
        ).count(),
        "remediation_count": Recommendation.objects.restrict(user, VIEW).count(),
    }


def item_progress(items: list[ProgramItem]) -> dict[int, str]:
    """Each item's state from its cases (prefetched): not started, running, closed."""
    state = {}
    for item in items:
        steps = [c.step for c in item.cases.all()]
        if not steps:
            state[item.pk] = "planned"
        elif all(s == Step.CLOSED for s in steps):
            state[item.pk] = "closed"
        else:
            state[item.pk] = "running"
    return state
