"""Bulk loads of task work (the demo's year of it): the rules the single-task services apply,
checked on every row, one insert per table, and the same events per record the services
record, chained in one pass (hatnhan.audit.services.record_events)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from hatnhan.audit.services import EventSpec, record_events, snapshot
from hatnhan.core.restrict import CHANGE
from hatnhan.core.services import field_error, require, validate_rows
from hatnhan.members.models import Member

from .models import Acceptance, Evidence, ExtensionRequest, ProgressUpdate, Task, TaskCoworker
from .services.common import _check_member, _clean_task


def _path(record: Any) -> str:
    return record.task.organization.path


@transaction.atomic
def bulk_load_tasks(
    *,
    actor: Any,
    tasks: Sequence[Task],
    coworkers: Sequence[tuple[Task, int]] = (),
    parents: Sequence[tuple[Task, Task]] = (),
    previous: Sequence[tuple[Task, Task]] = (),
    updates: Sequence[ProgressUpdate] = (),
    acceptances: Sequence[Acceptance] = (),
    extensions: Sequence[ExtensionRequest] = (),
) -> None:
    """New tasks with their history: `coworkers` as (task, member id), `parents` and
    `previous` as (task, its parent / previous occurrence), both among `tasks`; the records
    point at their task object. The first row that breaks a rule is named and nothing is
    written."""
    for org in {t.organization.pk: t.organization for t in tasks}.values():
        require(actor, CHANGE, org)
    member_ids = {t.owner_id for t in tasks} | {m for _, m in coworkers}
    members = Member.objects.select_related("organization").in_bulk(member_ids)
    known = {id(t) for t in tasks}

    def check_task(task: Task) -> None:
        _clean_task(task)
        owner = members.get(task.owner_id)
        if owner is None:
            raise field_error("owner", "Không tìm thấy đảng viên.")
        _check_member(owner, task.organization, "owner")

    validate_rows(tasks, label="Nhiệm vụ", check=check_task)
    for number, (task, parent) in enumerate(parents, start=1):
        if id(task) not in known or id(parent) not in known:
            raise field_error(f"Nhiệm vụ con {number}", "Nhiệm vụ cha không có trong lần nạp.")
        if not task.organization.path.startswith(parent.organization.path):
            raise field_error(
                f"Nhiệm vụ con {number}", "Nhiệm vụ con phải thuộc tổ chức của nhiệm vụ cha."
            )
    for number, (task, before) in enumerate(previous, start=1):
        if id(task) not in known or id(before) not in known:
            raise field_error(f"Kỳ lặp {number}", "Kỳ trước không có trong lần nạp.")
        if task.organization_id != before.organization_id or task.recurrence != before.recurrence:
            raise field_error(f"Kỳ lặp {number}", "Kỳ trước phải cùng tổ chức và chu kỳ.")
    links: list[tuple[Task, int]] = []
    for number, (task, member_id) in enumerate(
        {(id(t), m): (t, m) for t, m in coworkers}.values(), start=1
    ):
        member = members.get(member_id)
        if id(task) not in known or member is None or member_id == task.owner_id:
            raise field_error(
                f"Người phối hợp {number}", "Người phối hợp không hợp lệ cho nhiệm vụ."
            )
        try:
            _check_member(member, task.organization, "coworkers")
        except Exception as error:
            raise field_error(f"Người phối hợp {number}", str(error.messages[0])) from error
        links.append((task, member_id))
    records = (
        ("Báo cáo tiến độ", ProgressUpdate, updates),
        ("Nghiệm thu", Acceptance, acceptances),
        ("Đề nghị gia hạn", ExtensionRequest, extensions),
    )
    for label, _, rows in records:
        for row in rows:
            if id(row.task) not in known:
                raise field_error(label, "Nhiệm vụ của bản ghi không có trong lần nạp.")
        validate_rows(rows, label=label)

    Task.objects.bulk_create(tasks, batch_size=500)
    # Links to rows of the same insert: set once every row has its id.
    for task, parent in parents:
        task.parent_id = parent.pk
    for task, before in previous:
        task.previous_occurrence_id = before.pk
    linked = [t for t, _ in parents] + [t for t, _ in previous]
    if linked:
        Task.objects.bulk_update(linked, ["parent", "previous_occurrence"], batch_size=500)
    link_rows = [TaskCoworker(task=t, member_id=m) for t, m in links]
    TaskCoworker.objects.bulk_create(link_rows, batch_size=1000)
    for _, model, rows in records:
        for row in rows:
            # The task has its id now; assigning the object (not task_id) keeps it cached,
            # so the events below read its organization without a query per row.
            row.task = row.task
        model.objects.bulk_create(rows, batch_size=1000)

    events = [
        EventSpec(
            action="task.create",
            obj=t,
            organization_path=t.organization.path,
            after=snapshot(t),
        )
        for t in tasks
    ]
    for action, rows in (
        ("task.coworker_add", link_rows),
        ("task.progress", updates),
        ("task.acceptance", acceptances),
        ("task.extension_request", extensions),
    ):
        events += [
            EventSpec(action=action, obj=r, organization_path=_path(r), after=snapshot(r))
            for r in rows
        ]
    record_events(actor=actor, events=events)


@transaction.atomic
def bulk_create_evidence(*, actor: Any, evidence: Sequence[Evidence]) -> None:
    """Evidence whose files are already in storage, checked and audited per record."""
    for org in {e.task.organization.pk: e.task.organization for e in evidence}.values():
        require(actor, CHANGE, org)
    for number, item in enumerate(evidence, start=1):
        report = item.progress_update
        if report is not None and report.task_id != item.task.pk:
            raise field_error(f"Minh chứng {number}", "Báo cáo tiến độ không thuộc nhiệm vụ này.")
    validate_rows(evidence, label="Minh chứng")
    Evidence.objects.bulk_create(evidence, batch_size=500)
    record_events(
        actor=actor,
        events=[
            EventSpec(action="task.evidence", obj=e, organization_path=_path(e), after=snapshot(e))
            for e in evidence
        ],
    )
