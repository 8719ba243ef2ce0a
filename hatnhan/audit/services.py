"""Writing the audit trail. Every service that changes the record calls :func:`record_event`
inside its own transaction, so the change and its event commit or roll back together."""

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
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


GENESIS = "0" * 64
# Any constant; names the PostgreSQL advisory lock that serializes appends to the chain.
_CHAIN_LOCK_KEY = 0x6861746E68616E  # "hatnhan"


def _lock_chain() -> None:
    """Serialize appends until the transaction ends, without touching a shared row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    elif connection.vendor != "sqlite":
        # SQLite needs nothing: its write transactions (BEGIN IMMEDIATE) already serialize.
        AuditChainHead.objects.select_for_update().get_or_create(pk=1)


def _chain_end() -> tuple[int, str]:
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    return last if last else (0, GENESIS)


def move_anchor() -> None:
    """Point the anchor at the committed end of the chain (runs after each commit)."""
    seq, last_hash = _chain_end()
    if seq == 0:
        return
    moved = AuditChainHead.objects.filter(pk=1, count__lt=seq).update(
        count=seq, last_hash=last_hash
    )
    if not moved:
        AuditChainHead.objects.get_or_create(pk=1, defaults={"count": seq, "last_hash": last_hash})


def _anchor_on_commit() -> None:
    # Once per transaction: Django forgets the callback if the transaction rolls back.
    if not any(func is move_anchor for _, func, _ in connection.run_on_commit):
        transaction.on_commit(move_anchor)


@dataclass(frozen=True)
class EventSpec:
    """One event for :func:`record_events`: the arguments :func:`record_event` takes."""

    action: str
    obj: models.Model
    organization_path: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


def record_events(*, actor: Any, events: Sequence[EventSpec]) -> list[AuditEvent]:
    """Append many events in one pass: the chain is locked and its end read once, each
    event chained to the one before in memory, then all inserted together. For bulk
    loads, where one :func:`record_event` per row would read the chain's end per row."""
    if not events:
        return []
    for spec in events:
        if not spec.organization_path:
            raise ValueError(f"{spec.action}: an audit event needs the organization it belongs to.")
    actor_id = getattr(actor, "pk", None)
    actor_name = (actor.get_username() if actor_id else "system")[:150]
    request_id = current_request_id.get()
    with transaction.atomic(savepoint=False):
        _lock_chain()
        seq, prev_hash = _chain_end()
        created = timezone.now().astimezone(dt.UTC)
        rows: list[AuditEvent] = []
        for spec in events:
            seq += 1
            event = AuditEvent(
                created_at=created,
                actor_id=actor_id,
                actor_name=actor_name,
                action=spec.action,
                object_type=spec.obj._meta.label_lower,
                object_id=str(spec.obj.pk),
                object_repr=str(spec.obj)[:255],
                organization_path=spec.organization_path,
                filed_path=spec.organization_path,
                before=_jsonable(spec.before) if spec.before is not None else None,
                after=_jsonable(spec.after) if spec.after is not None else None,
                request_id=request_id,
                seq=seq,
                prev_hash=prev_hash,
            )
            event.hash = prev_hash = event.compute_hash()
            rows.append(event)
        # bulk_create skips AuditEvent.save, whose append-only guard only refuses updates.
        AuditEvent.objects.bulk_create(rows, batch_size=1000)
        _anchor_on_commit()
    return rows


def record_event(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    organization_path: str,
) -> AuditEvent:
    """Append one event to the hash chain, inside the caller's transaction (no savepoint:
    if the event cannot be written, the change it describes must not be either).

    `organization_path` files the event where someone entitled reads it: an event filed
    nowhere would be a change no one may see."""
    spec = EventSpec(
        action=action, obj=obj, organization_path=organization_path, before=before, after=after
    )
    return record_events(actor=actor, events=[spec])[0]


def verify_chain() -> list[str]:
    """Every problem found in the chain, in Vietnamese; an empty list means it is intact."""
    problems: list[str] = []
    running, expected_seq = GENESIS, 1
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq or event.prev_hash != running:
            problems.append(
                f"Sự kiện #{event.pk}: không nối với sự kiện trước (thiếu hoặc bị xóa sự kiện)."
            )
        if event.compute_hash() != event.hash:
            problems.append(f"Sự kiện #{event.pk}: nội dung đã bị sửa (mã băm không khớp).")
        running, expected_seq = event.hash, event.seq + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and head.count:
        anchored = AuditEvent.objects.filter(seq=head.count).values_list("hash", flat=True).first()
        if anchored is None:
            problems.append(
                f"Chuỗi nhật ký kết thúc ở sự kiện thứ {expected_seq - 1}, đầu chuỗi ghi "
                f"{head.count}: có sự kiện cuối bị xóa."
            )
        elif anchored != head.last_hash:
            problems.append(
                f"Sự kiện thứ {head.count} không khớp với đầu chuỗi: nhật ký đã bị viết lại."
            )
    return problems
