"""Reading the audit trail: an object's history, and that history made readable
(field labels, choice labels, people by member name, dates as dd/mm/yyyy, times local)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hatnhan.core.people import person_name
from hatnhan.core.restrict import VIEW, restrict

from .models import AuditEvent

# Bookkeeping keys that say nothing to a reader (the tree path is derived from the parent).
_HIDDEN_KEYS = {"path", "depth", "search_text", "sort_key", "created_at", "updated_at"}

# What each action means, in the user's language; other apps add theirs with `register_actions`.
ACTION_LABELS: dict[str, Any] = {
    "organization.create": gettext_lazy("Tạo tổ chức"),
    "organization.update": gettext_lazy("Sửa tổ chức"),
    "organization.move": gettext_lazy("Chuyển theo tổ chức cấp trên"),
    "term.create": gettext_lazy("Thêm nhiệm kỳ"),
    "term.update": gettext_lazy("Sửa nhiệm kỳ"),
    "member.create": gettext_lazy("Thêm đảng viên"),
    "member.update": gettext_lazy("Sửa thông tin đảng viên"),
    "member.transfer": gettext_lazy("Chuyển sinh hoạt"),
    "seat.create": gettext_lazy("Thêm chức danh cấp ủy"),
    "seat.update": gettext_lazy("Sửa chức danh cấp ủy"),
    "user.create": gettext_lazy("Tạo tài khoản"),
    "role.grant": gettext_lazy("Cấp vai trò"),
    "token.create": gettext_lazy("Tạo mã truy cập API"),
}


# Labels of keys an event records that are no model field (m2m lists, markers).
KEY_LABELS: dict[str, Any] = {
    "directives": gettext_lazy("văn bản chỉ đạo"),
    "token": gettext_lazy("mã truy cập API"),
    "coworker": gettext_lazy("người phối hợp"),
    "file": gettext_lazy("tệp"),
}


def register_actions(labels: dict[str, Any]) -> None:
    """Let another app name its actions for the history component."""
    ACTION_LABELS.update(labels)


def register_key_labels(labels: dict[str, Any]) -> None:
    """Let another app name the non-field keys its events record."""
    KEY_LABELS.update(labels)


def visible_events(user: Any) -> QuerySet[AuditEvent]:
    """The events `user` may read: those filed in their reach, through the one restriction
    function like the objects they tell of."""
    return restrict(AuditEvent.objects.all(), user, VIEW)


def history_for(obj: Model, user: Any) -> QuerySet[AuditEvent]:
    """An object's events that `user` may read, newest first."""
    return history_for_many([obj], user)


def history_for_many(objs: Iterable[Model], user: Any) -> QuerySet[AuditEvent]:
    """The events of several objects (a member with their transfers and seats) that `user`
    may read, newest first, each with the actor's member for naming them."""
    return visible_events(user).about(objs).select_related("actor", "actor__member").order_by("-id")


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
        found = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    # A key named like a reverse relation ("members" in the demo's load summary) is no field.
    return None if found.auto_created and not found.concrete else found


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
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                return value
            # Stored in UTC; a person reads the time where they are.
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "SHORT_DATETIME_FORMAT")
        if isinstance(fld, models.DateField) and isinstance(value, str):
            try:
                return date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
            except ValueError:
                return value
    return str(value)


def _label(fld: models.Field | None, key: str) -> str:
    """A field by its translated verbose name; other keys by the labels apps registered."""
    if fld is not None and isinstance(fld.verbose_name, Promise):
        return str(fld.verbose_name)
    return str(KEY_LABELS.get(key, fld.verbose_name if fld is not None else key))


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
        if related._meta.label == settings.AUTH_USER_MODEL:
            for user in related._default_manager.filter(pk__in=ids).select_related("member"):
                names[(related._meta.label_lower, user.pk)] = person_name(user)
            continue
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
            label = _label(fld, key)
            entry.changes.append(
                Change(
                    label=label[:1].upper() + label[1:],
                    before=_display(old, fld, names) if event.before is not None else "",
                    after=_display(new, fld, names),
                )
            )
        entries.append(entry)
    return entries
