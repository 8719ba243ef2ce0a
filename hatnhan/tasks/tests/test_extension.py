import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.tasks import services
from hatnhan.tasks.models import ExtensionStatus


def test_owner_requests_assigner_grants_original_kept(task, users):
    original = task.due_date
    new_due = original + dt.timedelta(days=14)
    ext = services.request_extension(
        actor=users["member"], task=task, requested_due_date=new_due, reason="Chờ số liệu của Sở"
    )
    services.decide_extension(actor=users["secretary"], extension=ext, grant=True)
    task.refresh_from_db()
    ext.refresh_from_db()
    assert task.due_date == new_due and task.original_due_date == original
    assert task.was_extended
    assert ext.status == ExtensionStatus.GRANTED and ext.previous_due_date == original


def test_refusal_needs_a_note_and_keeps_the_due_date(task, extension, users):
    due = task.due_date
    with pytest.raises(ValidationError) as info:
        services.decide_extension(actor=users["secretary"], extension=extension, grant=False)
    assert list(info.value.message_dict) == ["note"]
    assert task.extension_requests.get().status == ExtensionStatus.PENDING
    services.decide_extension(
        actor=users["secretary"], extension=extension, grant=False, note="Việc gấp, không gia hạn"
    )
    task.refresh_from_db()
    assert task.due_date == due
    assert task.extension_requests.get().status == ExtensionStatus.REFUSED


def test_owner_cannot_grant_own_extension(extension, users):
    with pytest.raises(PermissionDenied):
        services.decide_extension(actor=users["member"], extension=extension, grant=True)
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING
    assert extension.task.due_date == extension.previous_due_date


def test_one_pending_request_at_a_time_and_later_date_only(task, users):
    with pytest.raises(ValidationError) as info:
        services.request_extension(
            actor=users["member"], task=task, requested_due_date=task.due_date, reason="x"
        )
    assert list(info.value.message_dict) == ["requested_due_date"]
    assert not task.extension_requests.exists()
    services.request_extension(
        actor=users["member"],
        task=task,
        requested_due_date=task.due_date + dt.timedelta(days=1),
        reason="x",
    )
    with pytest.raises(ValidationError) as info:
        services.request_extension(
            actor=users["member"],
            task=task,
            requested_due_date=task.due_date + dt.timedelta(days=2),
            reason="y",
        )
    assert list(info.value.message_dict) == ["requested_due_date"]
    assert task.extension_requests.count() == 1


def test_decided_request_cannot_be_decided_again(extension, users):
    services.decide_extension(actor=users["secretary"], extension=extension, grant=True)
    with pytest.raises(ValidationError) as info:
        services.decide_extension(
            actor=users["secretary"], extension=extension, grant=False, note="Đổi ý"
        )
    assert list(info.value.message_dict) == ["status"]
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.GRANTED


def test_reason_required(task, users):
    with pytest.raises(ValidationError) as info:
        services.request_extension(
            actor=users["member"],
            task=task,
            requested_due_date=task.due_date + dt.timedelta(days=3),
            reason="",
        )
    assert "reason" in info.value.message_dict


def test_cancelling_refuses_the_pending_request_on_record(task, extension, users):
    from hatnhan.audit.models import AuditEvent

    services.cancel_task(actor=users["secretary"], task=task, reason="Không cần nữa")
    extension.refresh_from_db()
    assert (
        extension.status == ExtensionStatus.REFUSED and extension.decided_by == users["secretary"]
    )
    assert AuditEvent.objects.filter(
        object_type="tasks.extensionrequest", action="task.extension_decide"
    ).exists()
