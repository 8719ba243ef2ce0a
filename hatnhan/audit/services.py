"""Writing the audit trail. Every service that changes the record calls :func:`record_event`
inside its own transaction, so the change and its event commit or roll back together."""

import datetime as dt
import decimal
import functools
import hashlib
import hmac
import itertools
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Length
from django.utils import timezone

from hatnhan.core.bulk import insert_rows, load_rows, reserve_ids
from hatnhan.core.crypto import EncryptedTextField, audit_value, fingerprint
from hatnhan.core.middleware import current_request_id

from .models import AuditChainHead, AuditEvent

_PLAIN_JSON = frozenset({str, int, bool, float, type(None)})


def _jsonable(value: Any) -> Any:
    if type(value) in _PLAIN_JSON:  # most values: no conversion, checked first
        return value
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


class Snapshot(dict[str, Any]):
    """A snapshot's JSON values, plus `sealed`: for each encrypted field, a fingerprint of its
    plain value that only this process can compute and that is never stored. The trail holds
    `[đã mã hóa]` for such a field whatever its value, so without the fingerprints a change of
    one secret to another would look like no change (and save_audited would skip the save)."""

    sealed: dict[str, str]


@functools.cache
def _snapshot_fields(model: type[models.Model]) -> tuple[tuple[str, str, bool], ...]:
    # (attname, key, encrypted) of a model's snapshot: the same for every row of an import,
    # worked out once per model rather than once per row.
    return tuple(
        (f.attname, f.attname.removesuffix("_id"), isinstance(f, EncryptedTextField))
        for f in model._meta.concrete_fields
        if not f.primary_key and f.attname not in _DERIVED
    )


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> Snapshot:
    """The object's concrete field values as JSON, foreign keys as ids; an encrypted field's
    plain value never (hatnhan.core.crypto)."""
    if fields is None:
        spec = _snapshot_fields(type(obj))
    else:
        by_name = {n: f for f in obj._meta.concrete_fields for n in (f.name, f.attname)}
        spec = tuple(
            (name, name.removesuffix("_id"), isinstance(by_name.get(name), EncryptedTextField))
            for name in fields
        )
    taken = Snapshot()
    taken.sealed = {}
    for name, key, encrypted in spec:
        value = getattr(obj, name)
        if encrypted:
            taken.sealed[key] = fingerprint(value)
            value = audit_value(obj._meta.get_field(key), value)
        taken[key] = _jsonable(value)
    return taken


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    """Only the keys whose values changed, for compact events and readable histories."""
    before, after = before or {}, after or {}
    # Two snapshots of this process also compare their encrypted fields' fingerprints.
    sealed_before = getattr(before, "sealed", None)
    sealed_after = getattr(after, "sealed", None)
    sealed = sealed_before is not None and sealed_after is not None
    return {
        k: (before.get(k), after.get(k))
        for k in before.keys() | after.keys()
        if before.get(k) != after.get(k) or (sealed and sealed_before.get(k) != sealed_after.get(k))
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


def _as_json(values: dict[str, Any] | None) -> dict[str, Any] | None:
    # A snapshot's values are JSON already (one pass over a 20,000-row import saved).
    if values is None or type(values) is Snapshot:
        return values
    return _jsonable(values)


_EVENT_ATTNAMES = [f.attname for f in AuditEvent._meta.concrete_fields]

# From this many events in one call, PostgreSQL takes them by COPY.
COPY_FROM_EVENTS = 500


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
    key_id, secret = signing_key()
    with transaction.atomic(savepoint=False):
        _lock_chain()
        seq, prev_hash = _chain_end()
        created = timezone.now().astimezone(dt.UTC)
        rows: list[AuditEvent] = []
        for spec in events:
            seq += 1
            values = {
                "id": None,
                "created_at": created,
                "actor_id": actor_id,
                "actor_name": actor_name,
                "action": spec.action,
                "object_type": spec.obj._meta.label_lower,
                "object_id": str(spec.obj.pk),
                "object_repr": str(spec.obj)[:255],
                "organization_path": spec.organization_path,
                "filed_path": spec.organization_path,
                "before": _as_json(spec.before),
                "after": _as_json(spec.after),
                "request_id": request_id,
                "seq": seq,
                "prev_hash": prev_hash,
                "hash": "",
                "key_id": key_id,
            }
            # Positional, as Django builds rows read from the database: the keyword path
            # looks up every field's default and costs more than hashing the event.
            event = AuditEvent(*[values[name] for name in _EVENT_ATTNAMES])
            event.hash = prev_hash = event.keyed_hash(secret)
            rows.append(event)
        # A plain insert skips AuditEvent.save, whose append-only guard only refuses updates.
        if connection.vendor == "postgresql" and len(rows) >= COPY_FROM_EVENTS:
            # COPY: a multi-row INSERT of thousands of events costs psycopg more to split
            # into parameters than the database takes to store them (docs/benchmarks.md).
            for event, pk in zip(rows, reserve_ids(AuditEvent, len(rows)), strict=True):
                event.pk = pk
                event._state.adding, event._state.db = False, connection.alias
            load_rows(rows)
        else:
            insert_rows(rows)
        _anchor_on_commit()
    return rows


class _Stand:
    """The fields :meth:`AuditEvent.keyed_hash` reads, without a model instance (whose
    construction costs more than the hash): the same methods, so one definition of what is
    hashed."""

    __slots__ = (
        "action",
        "actor_id",
        "actor_name",
        "after",
        "before",
        "created_at",
        "key_id",
        "object_id",
        "object_repr",
        "object_type",
        "organization_path",
        "prev_hash",
        "request_id",
        "seq",
    )
    payload = AuditEvent.payload
    keyed_hash = AuditEvent.keyed_hash


class BulkChain:
    """Appends to the chain for a bulk loader that writes the event rows itself (`hatnhan
    synth`, by COPY): the chain is locked and its end read once, as in
    :func:`record_events`, then :meth:`link` gives each event its position and hashes;
    the anchor moves after commit. Inside the caller's transaction; events must be written
    in the order they were linked."""

    def __init__(self, *, actor_name: str = "system") -> None:
        self.actor_name = actor_name[:150]
        self.key_id, self._secret = signing_key()
        _lock_chain()
        self.seq, self.last_hash = _chain_end()
        _anchor_on_commit()
        self._stand = _Stand()
        self._stand.actor_id, self._stand.actor_name = None, self.actor_name
        self._stand.before, self._stand.request_id = None, ""
        self._stand.key_id = self.key_id

    def link(
        self,
        *,
        created_at: dt.datetime,
        action: str,
        object_type: str,
        object_id: str,
        object_repr: str,
        organization_path: str,
        after: dict[str, Any] | None,
    ) -> tuple[int, str, str]:
        """(seq, prev_hash, hash) of the next event, by the actor given, no request, no
        `before`; `after` already JSON values (a :func:`snapshot`)."""
        if not organization_path:
            raise ValueError(f"{action}: an audit event needs the organization it belongs to.")
        stand = self._stand
        stand.created_at, stand.action, stand.object_type = created_at, action, object_type
        stand.object_id, stand.object_repr = object_id, object_repr[:255]
        stand.organization_path, stand.after = organization_path, after
        self.seq += 1
        stand.seq, stand.prev_hash = self.seq, self.last_hash
        self.last_hash = stand.keyed_hash(self._secret)
        return self.seq, stand.prev_hash, self.last_hash


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


def signing_key() -> tuple[str, str]:
    """The newest audit key (the first of settings.AUDIT_KEYS): it hashes new events."""
    return next(iter(settings.AUDIT_KEYS.items()))


# Read in chunks by position (keyset), so memory stays bounded on any database and no
# cursor stays open across a trail of millions of events.
CHAIN_CHUNK = 2000


def _events_after(seq: int) -> Iterator[AuditEvent]:
    while True:
        chunk = list(AuditEvent.objects.filter(seq__gt=seq).order_by("seq")[:CHAIN_CHUNK])
        if not chunk:
            return
        yield from chunk
        if len(chunk) < CHAIN_CHUNK:
            return
        seq = chunk[-1].seq


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S")


@dataclass(frozen=True)
class Checkpoint:
    """A signed statement: at `created_at` the chain's committed end was `seq` with `hash`."""

    seq: int
    hash: str
    created_at: dt.datetime
    key_id: str

    def described(self) -> str:
        return f"điểm kiểm tra lúc {_local(self.created_at)} (sự kiện thứ {self.seq})"


CHECKPOINT_FORMAT = "hatnhan-audit-checkpoint-1"


def _checkpoint_signature(body: dict[str, Any], secret: str) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hmac.new(secret.encode(), canonical.encode(), hashlib.sha256).hexdigest()


def make_checkpoint() -> dict[str, Any]:
    """The committed end of the chain, signed with the newest checkpoint key, as JSON data."""
    seq, last_hash = _chain_end()
    key_id, secret = next(iter(settings.AUDIT_CHECKPOINT_KEYS.items()))
    body = {
        "format": CHECKPOINT_FORMAT,
        "seq": seq,
        "hash": last_hash,
        "created_at": timezone.now().astimezone(dt.UTC).isoformat(),
        "key_id": key_id,
    }
    return {**body, "signature": _checkpoint_signature(body, secret)}


def read_checkpoint(text: str) -> Checkpoint:
    """A checkpoint file's content, refused unless a checkpoint key signed exactly it."""
    try:
        data = json.loads(text)
        body = {k: data[k] for k in ("format", "seq", "hash", "created_at", "key_id")}
        signature = data["signature"]
        created_at = dt.datetime.fromisoformat(body["created_at"])
        valid = (
            body["format"] == CHECKPOINT_FORMAT
            and isinstance(body["seq"], int)
            and isinstance(body["hash"], str)
            and isinstance(body["key_id"], str)
            and isinstance(signature, str)
            and created_at.tzinfo is not None
        )
    except (ValueError, TypeError, KeyError):
        valid = False
    if not valid:
        raise ValidationError("Tệp điểm kiểm tra không đúng định dạng.", code="invalid")
    secret = settings.AUDIT_CHECKPOINT_KEYS.get(body["key_id"])
    if secret is None:
        raise ValidationError(
            f"Điểm kiểm tra ký bằng khóa “{body['key_id']}” không có trong "
            "AUDIT_CHECKPOINT_KEYS: không xác nhận được.",
            code="unknown_key",
        )
    if not hmac.compare_digest(_checkpoint_signature(body, secret), signature):
        raise ValidationError(
            "Chữ ký của điểm kiểm tra không đúng: tệp đã bị sửa hoặc giả mạo.", code="forged"
        )
    return Checkpoint(
        seq=body["seq"], hash=body["hash"], created_at=created_at, key_id=body["key_id"]
    )


class ChainVerification:
    """Iterating yields every problem in the chain, in Vietnamese, as it is found (nothing
    is kept but counters). `start`: verify only after this checkpoint; `checkpoints`: each
    must still be in the chain; `legacy_prefix_ok`: unkeyed events before the keyed ones are
    not a problem (only `rekey_chain`, which is about to key them, asks that)."""

    def __init__(
        self,
        *,
        start: Checkpoint | None = None,
        checkpoints: Sequence[Checkpoint] = (),
        legacy_prefix_ok: bool = False,
    ) -> None:
        self.start, self.checkpoints, self.legacy_prefix_ok = start, checkpoints, legacy_prefix_ok
        self.checked = 0
        self.legacy = 0

    def _checkpoint_problem(self, checkpoint: Checkpoint) -> str | None:
        if checkpoint.seq == 0:
            return None
        found = AuditEvent.objects.filter(seq=checkpoint.seq).values_list("hash", flat=True)
        found_hash = found.first()
        if found_hash is None:
            return f"Không còn sự kiện của {checkpoint.described()}: nhật ký đã bị xóa."
        if not hmac.compare_digest(found_hash, checkpoint.hash):
            return f"Sự kiện khác với {checkpoint.described()}: nhật ký đã bị viết lại."
        return None

    def __iter__(self) -> Iterator[str]:
        running, expected_seq = GENESIS, 1
        if self.start:
            if problem := self._checkpoint_problem(self.start):
                yield problem
            running, expected_seq = self.start.hash, self.start.seq + 1
        keyed_seen, first_legacy, last_legacy = False, 0, 0
        for event in _events_after(expected_seq - 1):
            self.checked += 1
            if event.seq != expected_seq or event.prev_hash != running:
                yield (
                    f"Sự kiện #{event.pk}: không nối với sự kiện trước (thiếu hoặc bị xóa sự kiện)."
                )
            if not event.key_id:
                if keyed_seen:
                    yield (
                        f"Sự kiện #{event.pk}: băm không có khóa sau sự kiện có khóa (bị viết lại)."
                    )
                self.legacy += 1
                first_legacy, last_legacy = first_legacy or event.seq, event.seq
                expected = event.legacy_hash()
            elif (secret := settings.AUDIT_KEYS.get(event.key_id)) is None:
                yield (
                    f"Sự kiện #{event.pk}: ký bằng khóa “{event.key_id}” không có trong "
                    "AUDIT_KEYS, không kiểm được."
                )
                expected = event.hash
            else:
                keyed_seen = True
                expected = event.keyed_hash(secret)
            if not hmac.compare_digest(expected, event.hash):
                yield f"Sự kiện #{event.pk}: nội dung đã bị sửa (mã băm không khớp)."
            running, expected_seq = event.hash, event.seq + 1
        if self.legacy and not self.legacy_prefix_ok:
            yield (
                f"{self.legacy} sự kiện (thứ {first_legacy} đến {last_legacy}) được băm không có "
                "khóa, như trước khi nhật ký có khóa: người sửa được cơ sở dữ liệu tính lại được. "
                "Chạy `hatnhan audit rekey` một lần (docs/production.md, mục 8)."
            )
        head = AuditChainHead.objects.filter(pk=1).first()
        if head and head.count:
            anchored = (
                AuditEvent.objects.filter(seq=head.count).values_list("hash", flat=True).first()
            )
            if anchored is None:
                yield (
                    f"Chuỗi nhật ký kết thúc ở sự kiện thứ {expected_seq - 1}, đầu chuỗi ghi "
                    f"{head.count}: có sự kiện cuối bị xóa."
                )
            elif anchored != head.last_hash:
                yield f"Sự kiện thứ {head.count} không khớp với đầu chuỗi: nhật ký đã bị viết lại."
        for checkpoint in self.checkpoints:
            if problem := self._checkpoint_problem(checkpoint):
                yield problem


def verify_chain() -> list[str]:
    """Every problem found in the chain, in Vietnamese; an empty list means it is intact."""
    return list(ChainVerification())


def rekey_chain(*, actor: Any = None) -> int:
    """Hash every event again with the newest audit key, from the first one hashed without a
    key (events from before keyed chains): run once by the operator after upgrading. Refused,
    changing nothing, if the chain has any other problem. Returns how many were unkeyed."""
    with transaction.atomic():
        _lock_chain()
        problems = list(itertools.islice(ChainVerification(legacy_prefix_ok=True), 20))
        if problems:
            raise ValidationError(problems, code="broken_chain")
        first = AuditEvent.objects.filter(key_id="").order_by("seq").first()
        if first is None:
            return 0
        legacy = AuditEvent.objects.filter(key_id="").count()
        key_id, secret = signing_key()
        running = first.prev_hash
        batch: list[AuditEvent] = []
        for event in _events_after(first.seq - 1):
            event.key_id, event.prev_hash = key_id, running
            event.hash = running = event.keyed_hash(secret)
            batch.append(event)
            if len(batch) == CHAIN_CHUNK:
                # The base manager's plain QuerySet: the append-only one refuses updates.
                AuditEvent._base_manager.bulk_update(batch, ["key_id", "prev_hash", "hash"])
                batch = []
        AuditEvent._base_manager.bulk_update(batch, ["key_id", "prev_hash", "hash"])
        head = AuditChainHead.objects.filter(pk=1).first()
        if head and head.count:
            new_hash = AuditEvent.objects.filter(seq=head.count).values_list("hash", flat=True)
            AuditChainHead.objects.filter(pk=1).update(last_hash=new_hash.first())
        # Filed at the top of the tree seen in the trail: the widest readers see the rekey.
        top = (
            AuditEvent.objects.order_by(Length("organization_path"), "seq")
            .values_list("organization_path", flat=True)
            .first()
        )
        head, _ = AuditChainHead.objects.get_or_create(pk=1)
        record_event(
            actor=actor,
            action="audit.rekey",
            obj=head,
            before={"unkeyed_events": legacy},
            after={"key_id": key_id},
            organization_path=top,
        )
    return legacy
