from typing import Any

from django import template

from hatnhan.core import restrict as restrict_rules
from hatnhan.core.people import person_name

register = template.Library()


@register.filter
def tree_indent(depth: int) -> str:
    """Dashes that show an organization's depth inside a plain <select>."""
    try:
        return "— " * int(depth)
    except (TypeError, ValueError):
        return ""


@register.filter
def person(user: Any) -> str:
    """`{{ task.assigned_by|person }}`: the member's name, the login name only without one."""
    return person_name(user)


@register.filter
def manages_accounts(user: Any) -> bool:
    """`{% if user|manages_accounts %}`: the menu shows account administration to those it is
    for (hatnhan.core.restrict.manages_accounts)."""
    return restrict_rules.manages_accounts(user)


@register.filter
def administers_root(user: Any) -> bool:
    """`{% if user|administers_root %}`: the menu's system settings (the holiday calendar)
    for a root administrator (hatnhan.core.restrict.administers_root)."""
    return restrict_rules.administers_root(user)


@register.filter
def reaches_access(user: Any, setting: str) -> bool:
    """`{% if user|reaches_access:"FEEDBACK_ACCESS" %}`: a menu entry for a record kind with its
    own access table, shown to those whose roles read such records."""
    return restrict_rules.reaches_access(user, setting)


@register.filter
def keeps_identities(user: Any) -> bool:
    """`{% if user|keeps_identities %}`: the custodian's entry (the `custody` action)."""
    return bool(restrict_rules.reach(user, restrict_rules.CUSTODY))


@register.filter
def reads_dashboards(user: Any) -> bool:
    """`{% if user|reads_dashboards %}`: the dashboards' entry for whoever reads an
    organization's subtree (a member reads their own scorecard from their own pages)."""
    return bool(restrict_rules.reach(user, restrict_rules.VIEW))


@register.filter
def decides_discipline(user: Any) -> bool:
    """`{% if user|decides_discipline %}`: the menu's discipline entry for those who record
    decisions (the `discipline` action); a member reads their own on their member page."""
    return bool(restrict_rules.reach(user, restrict_rules.DISCIPLINE))
