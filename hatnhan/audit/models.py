import hashlib
import hmac
import json
from collections import defaultdict
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import CharField, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def about(self, objs: Iterable[models.Model]) -> "AuditEventQuerySet":
        """The events of these objects (of any models)."""
        by_type: dict[str, list[str]] = defaultdict(list)
        for obj in objs:
            by_type[obj._meta.label_lower].append(str(obj.pk))
        if not by_type:
            return self.none()
        return self.filter(
            reduce(or_, (Q(object_type=t, object_id__in=ids) for t, ids in by_type.items()))
        )

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")

    def refile(self, old_prefix: str, new_prefix: str) -> int:
        """Carry the events filed under `old_prefix`'s subtree to `new_prefix` (an
        organization moved). Only `filed_path` changes: the hash does not cover it."""
        moved = self.filter(filed_path__startswith=old_prefix)
        return models.QuerySet.update(
            moved,
            filed_path=Concat(
                Value(new_prefix),
                Substr("filed_path", len(old_prefix) + 1),
                output_field=CharField(),
            ),
        )

    def refile_to(self, path: str) -> int:
        """File these events under `path` (a member's dossier follows the member)."""
        return models.QuerySet.update(self, filed_path=path)


class AuditEvent(models.Model):
    """One change to the record. Append-only; each event carries the hash of the one before."""

    created_at = models.DateTimeField(_("thời điểm (UTC)"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=64, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=64)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    # Where the object belonged when it happened: part of what happened, so hashed.
    organization_path = models.CharField(
        _("tổ chức khi ghi (đường dẫn)"), max_length=255, blank=True, db_index=True
    )
    # Where the event is read now, restricted like the object: moves and transfers carry it
    # (AuditEventQuerySet.refile), so it is bookkeeping outside the hash (docs/decisions.md).
    filed_path = models.CharField(
        _("tổ chức hiện nay (đường dẫn)"), max_length=255, blank=True, db_index=True
    )
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)
    # Position in the chain (1, 2, 3 …): a gap is a missing event, a duplicate a fork.
    seq = models.PositiveBigIntegerField(_("số thứ tự"), unique=True)
    prev_hash = models.CharField(_("mã băm trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64, unique=True)
    # Which of settings.AUDIT_KEYS made `hash` (keys rotate; old events keep their key).
    # Empty: hashed without a key, before keyed chains (`hatnhan audit rekey`, decisions.md).
    key_id = models.CharField(_("mã khóa"), max_length=32, blank=True)

    objects = AuditEventQuerySet.as_manager()
    # Read through hatnhan.core.restrict like the objects the events are about.
    restriction_path = "filed_path"

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")

    def payload(self) -> str:
        """The canonical text the hash covers: every field that states what happened."""
        return json.dumps(
            {
                "created_at": self.created_at.isoformat(),
                "actor": self.actor_id,
                "actor_name": self.actor_name,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "object_repr": self.object_repr,
                "organization_path": self.organization_path,
                "before": self.before,
                "after": self.after,
                "request_id": self.request_id,
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def legacy_hash(self) -> str:
        """The unkeyed hash of events written before keyed chains: anyone can recompute it."""
        return hashlib.sha256((self.prev_hash + self.payload()).encode()).hexdigest()

    def keyed_hash(self, secret: str) -> str:
        # Position and key id are covered too: an event cannot be moved or relabelled.
        message = f"{self.seq}:{self.key_id}:{self.prev_hash}:{self.payload()}"
        return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


class AuditChainHead(models.Model):
    """The anchor: the position and hash of the chain's end as last committed.

    Moved once per committed transaction (not per event: rewriting one hot row thousands
    of times inside a transaction's savepoints makes PostgreSQL slower with every write).
    An anchor past the chain's end means events were deleted from the end.
    """

    last_hash = models.CharField(_("mã băm cuối"), max_length=64, default="0" * 64)
    count = models.PositiveBigIntegerField(_("số sự kiện"), default=0)

    def __str__(self) -> str:
        return f"{self.count} events, last {self.last_hash[:12]}"
