"""Writing the audit trail. Every service that changes the record calls :func:`record_event`
inside its own transaction, so the change and its event commit or roll back together."""

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from hatnhan.core.middleware import current_request_id

from .models import AuditChainHead, AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


# Derived or bookkeeping columns: recomputed from the others, so not part of "what changed".
_DERIVED = {"search_text", "sort_key", "created_at", "updated_at"}


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The object's concrete field values as JSON, foreign keys as ids."""
    names = (
        list(fields)
        if fields is not None
        else [
            f.attname
            for f in obj._meta.concrete_fields
            if not f.primary_key and f.attname not in _DERIVED
        ]
    )
    return {name.removesuffix("_id"): _jsonable(getattr(obj, name)) for name in names}


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    """Only the keys whose values changed, for compact events and readable histories."""
    before, after = before or {}, after or {}
    return {
        k: (before.get(k), after.get(k))
        for k in before.keys() | after.keys()
        if before.get(k) != after.get(k)
    }


def record_event(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    organization_path: str = "",
) -> AuditEvent:
    """Append one event to the hash chain. Must run inside the caller's transaction."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        actor_id = getattr(actor, "pk", None)
        event = AuditEvent(
            created_at=timezone.now().astimezone(dt.UTC),
            actor_id=actor_id,
            actor_name=(actor.get_username() if actor_id else "system")[:150],
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:255],
            organization_path=organization_path,
            before=_jsonable(before) if before is not None else None,
            after=_jsonable(after) if after is not None else None,
            request_id=current_request_id.get(),
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        head.last_hash = event.hash
        head.count += 1
        head.save(update_fields=["last_hash", "count"])
    return event


def verify_chain() -> list[str]:
    """Every problem found in the chain, in Vietnamese; an empty list means it is intact."""
    problems: list[str] = []
    running = "0" * 64
    count = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if event.prev_hash != running:
            problems.append(
                f"Sự kiện #{event.pk}: không nối với sự kiện trước (thiếu hoặc bị xóa sự kiện)."
            )
        if event.compute_hash() != event.hash:
            problems.append(f"Sự kiện #{event.pk}: nội dung đã bị sửa (mã băm không khớp).")
        running = event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    expected_count = head.count if head else 0
    expected_last = head.last_hash if head else "0" * 64
    if count != expected_count or running != expected_last:
        problems.append(
            f"Chuỗi nhật ký có {count} sự kiện, đầu chuỗi ghi {expected_count}: "
            "có sự kiện cuối bị xóa hoặc thêm ngoài hệ thống."
        )
    return problems
