"""The bulk load of task work (the demo's): the services' rules per row, an event per record."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import move_anchor, verify_chain
from hatnhan.tasks.bulk import bulk_load_tasks
from hatnhan.tasks.models import ProgressUpdate, Task, TaskCoworker

DAY = dt.date(2026, 3, 2)


def _task(org, owner, title="Số hóa hồ sơ", start=DAY, due=DAY + dt.timedelta(days=20)):
    return Task(
        organization=org,
        title=title,
        expected_result="80% hồ sơ được số hóa",
        owner_id=owner.pk,
        start_date=start,
        due_date=due,
        original_due_date=due,
    )


def test_a_load_records_one_event_per_record_and_verifies(tree, make_member):
    org = tree["stc"]
    owner, helper = make_member(org), make_member(tree["stc_cell"], "Trần Thị Bình")
    parent, child = _task(org, owner), _task(org, helper, title="Bước 1: Số hóa hồ sơ")
    update = ProgressUpdate(task=child, member_id=helper.pk, percent=40, note="Đã làm 40%.")
    before = AuditEvent.objects.count()
    bulk_load_tasks(
        actor=None,
        tasks=[parent, child],
        coworkers=[(parent, helper.pk), (parent, helper.pk)],
        parents=[(child, parent)],
        updates=[update],
    )
    move_anchor()
    actions = list(AuditEvent.objects.order_by("seq")[before:].values_list("action", "object_id"))
    assert actions == [
        ("task.create", str(parent.pk)),
        ("task.create", str(child.pk)),
        ("task.coworker_add", str(TaskCoworker.objects.get().pk)),
        ("task.progress", str(update.pk)),
    ]
    created = AuditEvent.objects.get(action="task.create", object_id=str(child.pk))
    assert created.after["parent"] == parent.pk
    assert created.organization_path == org.path
    assert Task.objects.get(pk=child.pk).parent_id == parent.pk
    assert verify_chain() == []


def test_a_bad_row_is_named_and_nothing_is_written(tree, make_member):
    org = tree["stc"]
    owner = make_member(org)
    good = _task(org, owner)
    bad = _task(org, owner, start=DAY, due=DAY - dt.timedelta(days=1))
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        bulk_load_tasks(actor=None, tasks=[good, bad])
    assert list(error.value.message_dict) == ["Nhiệm vụ 2"]
    assert "Hạn hoàn thành" in error.value.message_dict["Nhiệm vụ 2"][0]
    assert not Task.objects.exists()
    assert AuditEvent.objects.count() == before


def test_an_owner_outside_the_organization_is_refused(tree, make_member):
    outsider = make_member(tree["syt_cell"], "Lê Văn Cường")
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        bulk_load_tasks(actor=None, tasks=[_task(tree["stc"], outsider)])
    assert list(error.value.message_dict) == ["Nhiệm vụ 1"]
    assert not Task.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_member_may_not_bulk_load(tree, users, make_member):
    task = _task(tree["stc"], make_member())
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        bulk_load_tasks(actor=users["member"], tasks=[task])
    assert not Task.objects.exists()
    assert AuditEvent.objects.count() == before


def _queries_to_load(org, owner, n: int) -> int:
    tasks = [_task(org, owner, title=f"Nhiệm vụ {i}") for i in range(n)]
    updates = [ProgressUpdate(task=t, member_id=owner.pk, percent=50, note="Nửa.") for t in tasks]
    with CaptureQueriesContext(connection) as queries:
        bulk_load_tasks(actor=None, tasks=tasks, updates=updates)
    return len(queries)


def test_the_query_count_does_not_grow_with_the_rows(tree, make_member):
    owner = make_member(tree["stc"])
    assert _queries_to_load(tree["stc"], owner, 2) == _queries_to_load(tree["stc"], owner, 8)
