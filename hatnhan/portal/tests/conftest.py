import datetime as dt

import pytest
from django.utils import timezone

from hatnhan.tasks import services as tasks


@pytest.fixture
def assigned_task(tree, users):
    """A task the STC secretary just gave the STC member (who now has an unread notice)."""
    return tasks.create_task(
        actor=users["secretary"],
        organization=tree["stc"],
        title="Rà soát thủ tục hành chính",
        expected_result="Danh mục rà soát xong",
        owner=users["member"].member,
        due_date=timezone.localdate() + dt.timedelta(days=5),
    )
