"""Objects inside the STC subtree for the every-URL restriction walker: one per URL kwarg
the tasks pages and downloads use, and per model the task API serves."""

import datetime as dt

from django.utils import timezone

from hatnhan.tasks import services
from hatnhan.tasks.models import Evidence, ExtensionRequest, Notification, NotificationKind


def url_objects(ctx) -> dict[str, int]:
    from hatnhan.directives.tests.url_objects import url_objects as directive_objects

    found = directive_objects(ctx)
    stc, secretary = ctx.tree["stc"], ctx.users["secretary"]
    owner = ctx.make_member(ctx.tree["stc_cell"], "Hoàng Văn Giao")
    today = timezone.localdate()
    task = services.create_task(
        actor=secretary,
        organization=stc,
        title="Nhiệm vụ kiểm thử",
        owner=owner,
        expected_result="Có kết quả",
        due_date=today + dt.timedelta(days=5),
    )
    # A stored row is enough: the walker's user must be refused before any file is read.
    evidence = Evidence.objects.create(
        task=task, file="evidence/test/none.png", file_name="none.png", file_kind="png", file_size=1
    )
    extension = ExtensionRequest.objects.create(
        task=task,
        previous_due_date=task.due_date,
        requested_due_date=task.due_date + dt.timedelta(days=3),
        reason="Kiểm thử",
    )
    notification = Notification.objects.create(
        user=secretary,
        task=task,
        kind=NotificationKind.ASSIGNED,
        reminder_date=today,
        message="Kiểm thử",
    )
    found.update(
        {
            "task_id": task.pk,
            "evidence_id": evidence.pk,
            "extension_id": extension.pk,
            "extension_request_id": extension.pk,
            "notification_id": notification.pk,
            "member_id": owner.pk,
            "tasks.task": task.pk,
            "tasks.notification": notification.pk,
        }
    )
    return found
