"""Every state change and its refusals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.tasks import services
from hatnhan.tasks.models import Acceptance, Task, TaskStatus

from .conftest import awaiting


def test_first_report_starts_the_task(task, users):
    services.report_progress(actor=users["member"], task=task, percent=30, note="Đang làm")
    task.refresh_from_db()
    assert (task.status, task.percent) == (TaskStatus.IN_PROGRESS, 30)


def test_start_then_submit_then_accept(task, users):
    services.start_task(actor=users["member"], task=task)
    services.submit_task(actor=users["member"], task=task, note="Đã xong")
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE and task.submitted_at
    services.accept_task(actor=users["secretary"], task=task, outcome="met", comment="Tốt")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.outcome == "met"
    assert task.accepted_by == users["secretary"]


def test_start_twice_is_refused(task, users):
    services.start_task(actor=users["member"], task=task)
    with pytest.raises(ValidationError) as info:
        services.start_task(actor=users["member"], task=task)
    assert list(info.value.message_dict) == ["status"]


def test_report_while_awaiting_acceptance_is_refused(task, users):
    awaiting(task, users)
    with pytest.raises(ValidationError) as info:
        services.report_progress(actor=users["member"], task=task, percent=90, note="Sửa")
    assert list(info.value.message_dict) == ["status"]
    task.refresh_from_db()
    assert task.percent == 100 and task.progress_updates.count() == 1


def test_percent_outside_0_100_is_refused_and_changes_nothing(task, users):
    with pytest.raises(ValidationError) as info:
        services.report_progress(actor=users["member"], task=task, percent=120, note="x")
    assert "percent" in info.value.message_dict
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED and not task.progress_updates.exists()


def test_empty_report_is_refused(task, users):
    with pytest.raises(ValidationError) as info:
        services.report_progress(actor=users["member"], task=task, percent=0, note="")
    assert list(info.value.message_dict) == ["note"]
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED and not task.progress_updates.exists()


def test_other_member_cannot_report(task, users, make_member, tree):
    from hatnhan.accounts.services import create_user

    someone = make_member(tree["stc_cell"], "Ngô Văn Khoa")
    account = create_user(
        actor=None, username="khoa", role="member", organization=tree["stc_cell"], member=someone
    )
    with pytest.raises(PermissionDenied):
        services.report_progress(actor=account, task=task, percent=10, note="Không phải việc tôi")
    assert not task.progress_updates.exists()


def test_inspector_cannot_report(task, users):
    with pytest.raises(PermissionDenied):
        services.report_progress(actor=users["inspector"], task=task, percent=10, note="x")
    assert not task.progress_updates.exists()


def test_coworker_reports(make_task, users, make_member, tree):
    from hatnhan.accounts.services import create_user

    helper = make_member(tree["stc_cell"], "Ngô Văn Khoa")
    account = create_user(
        actor=None, username="khoa", role="member", organization=tree["stc_cell"], member=helper
    )
    task = make_task(coworkers=[helper])
    update = services.report_progress(actor=account, task=task, percent=40, note="Phần của tôi")
    assert update.member == helper


def test_return_sends_back_to_in_progress(task, users):
    awaiting(task, users)
    with pytest.raises(ValidationError) as info:
        services.return_task(actor=users["secretary"], task=task, comment="")
    assert list(info.value.message_dict) == ["comment"]
    assert not Acceptance.objects.exists()
    services.return_task(actor=users["secretary"], task=task, comment="Bổ sung số liệu")
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.submitted_at is None
    assert Acceptance.objects.get(task=task).decision == "returned"


def test_cancel_needs_a_reason(task, users):
    with pytest.raises(ValidationError) as info:
        services.cancel_task(actor=users["secretary"], task=task, reason="   ")
    assert "reason" in info.value.message_dict
    services.cancel_task(actor=users["secretary"], task=task, reason="Cơ quan đổi kế hoạch")
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED and task.cancel_reason


def test_owner_cannot_cancel_own_task(task, users):
    with pytest.raises(PermissionDenied):
        services.cancel_task(actor=users["member"], task=task, reason="Không muốn làm")
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED


def test_done_task_cannot_change(task, users):
    awaiting(task, users)
    services.accept_task(actor=users["secretary"], task=task, outcome="exceeded")
    for attempt in (
        lambda: services.report_progress(actor=users["member"], task=task, percent=50, note="x"),
        lambda: services.cancel_task(actor=users["secretary"], task=task, reason="x"),
        lambda: services.accept_task(actor=users["secretary"], task=task, outcome="met"),
        lambda: services.update_task(actor=users["secretary"], task=task, title="Khác"),
        lambda: services.request_extension(
            actor=users["member"],
            task=task,
            requested_due_date=task.due_date + dt.timedelta(days=5),
            reason="x",
        ),
    ):
        with pytest.raises(ValidationError) as info:
            attempt()
        assert list(info.value.message_dict) == ["status"]
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.outcome == "exceeded"
    assert task.progress_updates.count() == 1 and not task.extension_requests.exists()


def test_cancelled_task_cannot_change(task, users):
    services.cancel_task(actor=users["secretary"], task=task, reason="Trùng việc")
    with pytest.raises(ValidationError) as info:
        services.report_progress(actor=users["member"], task=task, percent=50, note="x")
    assert list(info.value.message_dict) == ["status"]
    with pytest.raises(ValidationError) as info:
        services.cancel_task(actor=users["secretary"], task=task, reason="Lần nữa")
    assert list(info.value.message_dict) == ["status"]
    task.refresh_from_db()
    assert task.cancel_reason == "Trùng việc" and not task.progress_updates.exists()


def test_nothing_is_deleted_by_the_task_api_or_services():
    assert not hasattr(services, "delete_task")
    assert Task._meta.get_field("owner").remote_field.on_delete.__name__ == "PROTECT"


def test_overdue_means_the_owner_is_late(task, users, today):
    later = task.due_date + dt.timedelta(days=1)
    assert not task.overdue_on(task.due_date)
    assert task.overdue_on(later)
    assert Task.objects.overdue(later).filter(pk=task.pk).exists()
    awaiting(task, users)
    # Reported done on time: waiting for the acceptor is not the owner's lateness.
    assert not task.overdue_on(later)
    assert not Task.objects.overdue(later).filter(pk=task.pk).exists()
    services.accept_task(actor=users["secretary"], task=task, outcome="met")
    task.refresh_from_db()
    assert not task.overdue_on(later)
    assert not Task.objects.overdue(later).filter(pk=task.pk).exists()
