from typing import Any

from django.db import transaction

from hatnhan.audit.services import record_event, snapshot
from hatnhan.core.restrict import CHANGE
from hatnhan.core.services import field_error, require, save_audited, validate
from hatnhan.core.text import clean_text, search_key

from .models import PATH_SEGMENT_WIDTH, Organization, OrganizationKind, Term

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


@transaction.atomic
def update_organization(*, actor: Any, organization: Organization, **changes: Any) -> Organization:
    """Edit an organization; moving it under another parent carries its whole subtree."""
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
    new_parent: Organization | None = changes.get("parent", org.parent)
    old_path = org.path
    if "parent" in changes and new_parent != org.parent:
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
        _move_subtree(old_path, org.path, org.depth)
    organization.refresh_from_db()
    return org


def _move_subtree(old_path: str, new_path: str, new_depth: int) -> None:
    old_depth = old_path.count(".") - 1
    for child in Organization.objects.filter(path__startswith=old_path).exclude(path=old_path):
        child.path = new_path + child.path[len(old_path) :]
        child.depth = child.depth - old_depth + new_depth
        child.save(update_fields=["path", "depth"])


@transaction.atomic
def create_term(
    *, actor: Any, organization: Organization, name: str, start_date: Any, end_date: Any = None
) -> Term:
    require(actor, CHANGE, organization)
    term = Term(
        organization=organization, name=clean_text(name), start_date=start_date, end_date=end_date
    )
    save_audited(
        actor=actor,
        obj=term,
        action="term.create",
        before=None,
        organization_path=organization.path,
    )
    return term
