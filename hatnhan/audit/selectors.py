"""Reading the audit trail: an object's history, and that history made readable
(field labels, choice labels, names instead of ids, dates as dd/mm/yyyy)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Model, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AuditEvent

# Bookkeeping keys that say nothing to a reader (the tree path is derived from the parent).
_HIDDEN_KEYS = {"path", "depth", "search_text", "sort_key", "created_at", "updated_at"}

# What each action means, in the user's language; other apps add theirs with `register_actions`.
ACTION_LABELS: dict[str, Any] = {
    "organization.create": gettext_lazy("Tạo tổ chức"),
    "organization.update": gettext_lazy("Sửa tổ chức"),
    "term.create": gettext_lazy("Thêm nhiệm kỳ"),
    "member.create": gettext_lazy("Thêm đảng viên"),
    "member.update": gettext_lazy("Sửa thông tin đảng viên"),
    "member.transfer": gettext_lazy("Chuyển sinh hoạt"),
    "seat.create": gettext_lazy("Thêm chức danh cấp ủy"),
    "seat.update": gettext_lazy("Sửa chức danh cấp ủy"),
    "user.create": gettext_lazy("Tạo tài khoản"),
    "role.grant": gettext_lazy("Cấp vai trò"),
    "token.create": gettext_lazy("Tạo mã truy cập API"),
}


def register_actions(labels: dict[str, Any]) -> None:
    """Let another app name its actions for the history component."""
    ACTION_LABELS.update(labels)


def history_for(obj: Model) -> QuerySet[AuditEvent]:
    """An object's events, newest first. Callers have already restricted access to obj."""
    return history_for_many([obj])


def history_for_many(objs: Iterable[Model]) -> QuerySet[AuditEvent]:
    """The events of several objects (a member with their transfers and seats), newest first.
    Callers have already restricted access to every object."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for obj in objs:
        by_type[obj._meta.label_lower].append(str(obj.pk))
    if not by_type:
        return AuditEvent.objects.none()
    condition = reduce(or_, (Q(object_type=t, object_id__in=ids) for t, ids in by_type.items()))
    return AuditEvent.objects.filter(condition).select_related("actor").order_by("-id")


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    event: AuditEvent
    action_label: str
    kind: str  # "create" | "update"
    changes: list[Change] = field(default_factory=list)


def _model_for(object_type: str) -> type[Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _display(value: Any, fld: models.Field | None, names: dict[tuple[str, Any], str]) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(_display(one, fld, names) for one in value)
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if fld is not None:
        if fld.is_relation and fld.related_model is not None:
            return names.get((fld.related_model._meta.label_lower, value), f"#{value}")
        if fld.choices:
            return str(dict(fld.flatchoices).get(value, value))
        if isinstance(fld, models.DateTimeField) and isinstance(value, str):
            try:
                return date_format(dt.datetime.fromisoformat(value), "SHORT_DATETIME_FORMAT")
            except ValueError:
                return value
        if isinstance(fld, models.DateField) and isinstance(value, str):
            try:
                return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
            except ValueError:
                return value
    return str(value)


def readable_history(events: Iterable[AuditEvent]) -> list[HistoryEntry]:
    """Each event as who/what/when with the changed fields before → after, readably.

    Ids of related objects become their names with one query per related model, however
    many events there are."""
    events = list(events)
    wanted: dict[type[Model], set[Any]] = defaultdict(set)
    plans: list[tuple[AuditEvent, type[Model] | None, list[tuple[str, Any, Any]]]] = []
    for event in events:
        model = _model_for(event.object_type)
        before, after = event.before or {}, event.after or {}
        rows = []
        for key in [*after, *(k for k in before if k not in after)]:
            if key in _HIDDEN_KEYS:
                continue
            old, new = before.get(key), after.get(key)
            if event.before is not None and old == new:
                continue
            if event.before is None and new in (None, "", False):
                continue  # a new record: only what was filled in
            rows.append((key, old, new))
            fld = _field(model, key)
            if fld is not None and fld.is_relation and fld.related_model is not None:
                for v in (old, new):
                    # A many-to-many change ("directives") records the lists of ids.
                    for one in v if isinstance(v, list) else [v]:
                        if one not in (None, ""):
                            wanted[fld.related_model].add(one)
        plans.append((event, model, rows))
    names: dict[tuple[str, Any], str] = {}
    for related, ids in wanted.items():
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related._meta.label_lower, obj.pk)] = str(obj)
    entries = []
    for event, model, rows in plans:
        entry = HistoryEntry(
            event=event,
            action_label=str(ACTION_LABELS.get(event.action, event.action)),
            kind="create" if event.before is None else "update",
        )
        for key, old, new in rows:
            fld = _field(model, key)
            label = str(getattr(fld, "verbose_name", key)) if fld is not None else key
            entry.changes.append(
                Change(
                    label=label[:1].upper() + label[1:],
                    before=_display(old, fld, names) if event.before is not None else "",
                    after=_display(new, fld, names),
                )
            )
        entries.append(entry)
    return entries
