import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.members.models import MemberStatus
from hatnhan.members.services import update_member
from hatnhan.tasks.models import Notification, NotificationKind, Task, TaskStatus


def test_new_task_is_assigned_with_original_due_date_and_audit(task, users, today):
    assert task.status == TaskStatus.ASSIGNED
    assert task.original_due_date == task.due_date == today + dt.timedelta(days=10)
    assert task.assigned_by == users["secretary"]
    assert AuditEvent.objects.filter(
        object_type="tasks.task", object_id=str(task.pk), action="task.create"
    ).exists()
    assert Notification.objects.filter(
        user=users["member"], task=task, kind=NotificationKind.ASSIGNED
    ).exists()


def test_owner_outside_the_subtree_is_refused(make_task, make_member, tree):
    stranger = make_member(tree["syt_cell"], "Phạm Thị Dung")
    with pytest.raises(ValidationError) as info:
        make_task(owner=stranger)
    assert "owner" in info.value.message_dict


def test_owner_of_parent_org_is_outside_a_cell_task(make_task, make_member, tree):
    at_stc = make_member(tree["stc"], "Lê Văn Cường")
    with pytest.raises(ValidationError) as info:
        make_task(organization=tree["stc_cell"], owner=at_stc)
    assert list(info.value.message_dict) == ["owner"]
    assert not Task.objects.exists()


def test_coworker_outside_the_subtree_is_refused(make_task, make_member, tree):
    stranger = make_member(tree["syt_cell"], "Phạm Thị Dung")
    with pytest.raises(ValidationError) as info:
        make_task(coworkers=[stranger])
    assert "coworkers" in info.value.message_dict


def test_member_who_left_cannot_be_given_a_task(make_task, make_member, tree):
    gone = make_member(tree["stc_cell"], "Đỗ Văn Hải")
    update_member(actor=None, member=gone, status=MemberStatus.TRANSFERRED_OUT)
    with pytest.raises(ValidationError) as info:
        make_task(owner=gone)
    assert list(info.value.message_dict) == ["owner"]
    assert not Task.objects.exists()


def test_expected_result_is_required(make_task):
    with pytest.raises(ValidationError) as info:
        make_task(expected_result="  ")
    assert "expected_result" in info.value.message_dict


def test_due_date_in_the_past_is_refused(make_task, today):
    with pytest.raises(ValidationError) as info:
        make_task(due_date=today - dt.timedelta(days=1))
    assert "due_date" in info.value.message_dict


def test_a_member_cannot_assign(make_task, users):
    with pytest.raises(PermissionDenied):
        make_task(actor=users["member"])
    assert not Task.objects.exists()


def test_inspector_and_other_organization_cannot_assign(make_task, users):
    for who in ("inspector", "other"):
        with pytest.raises(PermissionDenied):
            make_task(actor=users[who])
    assert not Task.objects.exists()


def test_update_cannot_touch_due_date_or_status(task, users):
    from hatnhan.tasks.services import update_task

    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as info:
        update_task(actor=users["secretary"], task=task, due_date=task.due_date)
    assert list(info.value.message_dict) == ["due_date"]
    with pytest.raises(ValidationError) as info:
        update_task(actor=users["secretary"], task=task, status="done")
    assert list(info.value.message_dict) == ["status"]
    task.refresh_from_db()
    assert task.status == "assigned" and AuditEvent.objects.count() == events


def test_reassign_moves_the_owner_and_is_audited(task, users, make_member, tree):
    from hatnhan.tasks.services import bulk_reassign

    new_owner = make_member(tree["stc_cell"], "Vũ Thị Lan")
    assert bulk_reassign(actor=users["secretary"], tasks=[task], owner=new_owner) == 1
    task.refresh_from_db()
    assert task.owner == new_owner
    assert AuditEvent.objects.filter(object_id=str(task.pk), action="task.update").exists()


def test_update_refuses_a_misspelled_keyword_naming_it(task, users):
    from hatnhan.tasks.services import update_task

    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        update_task(actor=users["secretary"], task=task, titel="Sửa")
    assert list(refused.value.message_dict) == ["titel"]
    assert "Không có trường “titel”" in refused.value.message_dict["titel"][0]
    assert AuditEvent.objects.count() == events
