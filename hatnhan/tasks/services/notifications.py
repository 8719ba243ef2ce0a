"""The user's own in-app notifications."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..models import (
    Notification,
)


# --- notifications ----------------------------------------------------------------------------
@transaction.atomic
def mark_notifications_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when `ids` is None)."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
