import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import record_event, snapshot
from hatnhan.core.restrict import CHANGE, administers_root, ancestor_paths
from hatnhan.core.services import field_error, refuse_unknown, require, save_audited, validate
from hatnhan.core.text import clean_text, search_key

from .models import PATH_SEGMENT_WIDTH, Holiday, Organization, OrganizationKind, Term

_AUDITED = ["code", "name", "kind", "parent_id", "agency_name", "is_active", "path"]


def _segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}."


def _set_derived(org: Organization) -> None:
    org.search_text = search_key(f"{org.code} {org.name} {org.agency_name}")


@transaction.atomic
def create_organization(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    parent: Organization | None = None,
    agency_name: str = "",
    is_active: bool = True,
) -> Organization:
    """A new node under `parent` (a root only for the operator's command line)."""
    if parent is None and actor is not None:
        raise field_error("parent", "Phải chọn tổ chức cấp trên.")
    if parent is not None:
        require(actor, CHANGE, parent)
    org = Organization(
        code=clean_text(code).upper(),
        name=clean_text(name),
        kind=kind or OrganizationKind.CELL,
        parent=parent,
        agency_name=clean_text(agency_name),
        is_active=is_active,
    )
    _set_derived(org)
    validate(org)
    org.save()
    # The path is made of ids, so it exists only once the row does.
    org.path = (parent.path if parent else "") + _segment(org.pk)
    org.depth = parent.depth + 1 if parent else 0
    org.save(update_fields=["path", "depth"])
    record_event(
        actor=actor,
        action="organization.create",
        obj=org,
        before=None,
        after=snapshot(org, _AUDITED),
        organization_path=org.path,
    )
    return org


# What update_organization takes; the path and depth follow from the parent.
ORGANIZATION_FIELDS = ("code", "name", "kind", "parent", "agency_name", "is_active")


@transaction.atomic
def update_organization(*, actor: Any, organization: Organization, **changes: Any) -> Organization:
    """Edit an organization; moving it under another parent carries its whole subtree, the
    descendants' new paths audited and every event filed below it refiled with it."""
    refuse_unknown(changes, ORGANIZATION_FIELDS)
    new_parent: Organization | None = changes.get("parent")
    if "parent" in changes and new_parent is not None:
        org, new_parent = _lock_for_move(organization.pk, new_parent.pk)
    else:
        org = Organization.objects.select_for_update().get(pk=organization.pk)
    require(actor, CHANGE, org)
    before = snapshot(org, _AUDITED)
    for field in ("code", "name", "agency_name"):
        if field in changes:
            value = clean_text(changes[field])
            setattr(org, field, value.upper() if field == "code" else value)
    for field in ("kind", "is_active"):
        if field in changes:
            setattr(org, field, changes[field])
    old_path = org.path
    if "parent" in changes and (new_parent.pk if new_parent else None) != org.parent_id:
        if new_parent is None:
            raise field_error("parent", "Phải chọn tổ chức cấp trên.")
        if new_parent.path.startswith(org.path):
            raise field_error(
                "parent", "Không thể chuyển tổ chức vào chính nó hoặc cấp dưới của nó."
            )
        require(actor, CHANGE, new_parent)
        org.parent = new_parent
        org.path = new_parent.path + _segment(org.pk)
        org.depth = new_parent.depth + 1
    _set_derived(org)
    changed = save_audited(
        actor=actor,
        obj=org,
        action="organization.update",
        before=before,
        organization_path=org.path,
        fields=_AUDITED,
    )
    if changed and org.path != old_path:
        _move_subtree(actor, org, old_path)
    organization.refresh_from_db()
    return org


@transaction.atomic
def dissolve_organization(*, actor: Any, organization: Organization) -> int:
    """Mark an organization and its whole subtree no longer active: the consequence of a
    giải tán decided elsewhere (hatnhan.discipline checks who may decide it; the deciding body
    need not hold CHANGE here). Roles held in them stop reaching anything (core.restrict reads
    active organizations only). Returns how many were marked, each audited."""
    nodes = list(
        Organization.objects.select_for_update()
        .filter(path__startswith=organization.path, is_active=True)
        .order_by("pk")
    )
    for org in nodes:
        before = snapshot(org, _AUDITED)
        org.is_active = False
        save_audited(
            actor=actor,
            obj=org,
            action="organization.update",
            before=before,
            organization_path=org.path,
            fields=_AUDITED,
        )
    return len(nodes)


def _move_set(org_pk: int, parent_pk: int) -> set[int]:
    """The organizations a move reads or rewrites, from committed data: the moved subtree,
    and the new parent with its ancestors (whose own moves would change the new path)."""
    paths = dict(Organization.objects.filter(pk__in=[org_pk, parent_pk]).values_list("pk", "path"))
    return set(
        Organization.objects.filter(
            Q(path__startswith=paths[org_pk]) | Q(path__in=ancestor_paths(paths[parent_pk]))
        ).values_list("pk", flat=True)
    )


def _lock_for_move(org_pk: int, parent_pk: int) -> tuple[Organization, Organization]:
    """Lock every organization of the move in pk order, then read them again.

    Two moves that could make a cycle (A under B while B under A) both need A and B, so
    one waits for the other and then sees its committed paths; one order for everyone
    means they cannot deadlock. A subtree that changed while we waited is locked too."""
    locked: set[int] = set()
    while True:
        needed = _move_set(org_pk, parent_pk)
        if needed <= locked:
            break
        locked |= set(
            Organization.objects.select_for_update()
            .filter(pk__in=needed | locked)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    fresh = Organization.objects.in_bulk([org_pk, parent_pk])
    return fresh[org_pk], fresh[parent_pk]


def _move_subtree(actor: Any, org: Organization, old_path: str) -> None:
    """Carry the descendants to the new path, each change its own event in the
    descendant's history, then refile every event of the subtree to where it now is."""
    depth_change = org.depth - (old_path.count(".") - 1)
    descendants = Organization.objects.filter(path__startswith=old_path).exclude(pk=org.pk)
    for child in descendants.order_by("path"):
        before = snapshot(child, ["path", "depth"])
        child.path = org.path + child.path[len(old_path) :]
        child.depth += depth_change
        child.save(update_fields=["path", "depth"])
        record_event(
            actor=actor,
            action="organization.move",
            obj=child,
            before=before,
            after=snapshot(child, ["path", "depth"]),
            organization_path=child.path,
        )
    AuditEvent.objects.refile(old_path, org.path)


TERM_FIELDS = ("name", "start_date", "end_date")


def _check_term(term: Term) -> None:
    """The term's rules with messages naming the field (the constraints would refuse too,
    but across fields, in words a person cannot act on)."""
    if not term.name:
        raise field_error("name", "Chưa nhập “Nhiệm kỳ”.")
    if term.start_date and term.end_date and term.end_date < term.start_date:
        raise field_error("end_date", "“Đến ngày” phải sau “Từ ngày”.")
    same_name = Term.objects.filter(organization_id=term.organization_id, name=term.name)
    if same_name.exclude(pk=term.pk).exists():
        raise field_error("name", f"Tổ chức đã có nhiệm kỳ “{term.name}”.")


@transaction.atomic
def create_term(
    *, actor: Any, organization: Organization, name: str, start_date: Any, end_date: Any = None
) -> Term:
    require(actor, CHANGE, organization)
    term = Term(
        organization=organization, name=clean_text(name), start_date=start_date, end_date=end_date
    )
    _check_term(term)
    save_audited(
        actor=actor,
        obj=term,
        action="term.create",
        before=None,
        organization_path=organization.path,
    )
    return term


@transaction.atomic
def update_term(*, actor: Any, term: Term, **values: Any) -> bool:
    """Correct a term's name or dates; True when anything changed (and was audited, with
    the before and after)."""
    refuse_unknown(values, TERM_FIELDS)
    term = Term.objects.select_for_update().select_related("organization").get(pk=term.pk)
    require(actor, CHANGE, term)
    before = snapshot(term)
    for field in TERM_FIELDS:
        if field in values:
            setattr(term, field, clean_text(values[field]) if field == "name" else values[field])
    _check_term(term)
    return save_audited(
        actor=actor,
        obj=term,
        action="term.update",
        before=before,
        organization_path=term.organization.path,
    )


# --- The holiday calendar (hatnhan.organizations.workdays) ----------------------------------
HOLIDAY_FIELDS = ("date", "name")


def _require_root_admin(actor: Any) -> None:
    # The calendar is the whole system's: only an administrator at the top of the tree keeps it.
    if actor is not None and not administers_root(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống ở cấp cao nhất mới sửa được ngày nghỉ lễ.")


def _calendar_path() -> str:
    """Where a holiday's events are filed: the first top of the tree, whose administrators
    read everything below it."""
    root = Organization.objects.filter(parent__isnull=True).order_by("path").first()
    if root is None:
        raise field_error("date", "Chưa có tổ chức nào: tạo tổ chức cấp cao nhất trước.")
    return root.path


def _save_holiday(actor: Any, holiday: Holiday, action: str, before: dict[str, Any] | None) -> bool:
    holiday.name = clean_text(holiday.name)
    try:
        # A savepoint: two administrators adding the same day at once — the second one's
        # insert fails on the unique date and is answered like the validation would.
        with transaction.atomic():
            return save_audited(
                actor=actor,
                obj=holiday,
                action=action,
                before=before,
                organization_path=_calendar_path(),
            )
    except IntegrityError as exc:
        raise field_error("date", "Ngày này đã có trong danh sách ngày nghỉ lễ.") from exc


@transaction.atomic
def add_holiday(*, actor: Any, date: dt.date, name: str) -> Holiday:
    _require_root_admin(actor)
    holiday = Holiday(date=date, name=name)
    _save_holiday(actor, holiday, "holiday.create", None)
    return holiday


@transaction.atomic
def change_holiday(*, actor: Any, holiday: Holiday, **changes: Any) -> bool:
    """Change a holiday's date or name; False when nothing changed."""
    _require_root_admin(actor)
    refuse_unknown(changes, HOLIDAY_FIELDS)
    holiday = Holiday.objects.select_for_update().get(pk=holiday.pk)
    before = snapshot(holiday)
    for name, value in changes.items():
        setattr(holiday, name, value)
    return _save_holiday(actor, holiday, "holiday.update", before)


@transaction.atomic
def remove_holiday(*, actor: Any, holiday: Holiday) -> None:
    _require_root_admin(actor)
    holiday = Holiday.objects.select_for_update().get(pk=holiday.pk)
    before = snapshot(holiday)
    record_event(
        actor=actor,
        action="holiday.delete",
        obj=holiday,
        before=before,
        after=None,
        organization_path=_calendar_path(),
    )
    holiday.delete()
