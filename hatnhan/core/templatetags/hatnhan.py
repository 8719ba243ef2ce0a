from typing import Any

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from hatnhan.core import restrict as restrict_rules
from hatnhan.core.labels import choice_label
from hatnhan.core.paths import pk_path
from hatnhan.core.people import person_name

register = template.Library()


@register.simple_tag
def pk_url(view: str, pk: Any) -> str:
    """`{% pk_url 'members:detail' m.pk %}`: `{% url %}` for a view whose only argument is an
    integer pk, reversed once per view (hatnhan.core.paths), for links inside long loops."""
    return pk_path(view, pk)


@register.filter
def label(obj: Any, name: str) -> Any:
    """`{{ m|label:"status" }}`: `{{ m.get_status_display }}` for rows of long lists
    (hatnhan.core.labels)."""
    return choice_label(obj, name)


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


# The main menu, rendered once for each thing it depends on and kept (per process): ~20 URL
# reversals and translations, a fifth of a small page's template work on every request
# (issue 13). Exact, not timed: the menu is a function of these and of nothing else, which
# core/_nav.html says at its top; a template change is seen on restart (with DEBUG, at once).
NAV_TEMPLATE = "core/_nav.html"
NAV_CACHE_SIZE = 4096
_nav_cache: dict[tuple[Any, ...], SafeString] = {}


def nav_key(context: Any) -> tuple[Any, ...]:
    """What core/_nav.html reads: the language and URL configuration, the current page, the
    unread count, and the user's menu rights (the filters it calls)."""
    user = context.get("user")
    match = getattr(context.get("request"), "resolver_match", None)
    return (
        translation.get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        match.view_name if match is not None else None,
        context.get("unread"),
        reaches_access(user, "FEEDBACK_ACCESS"),
        keeps_identities(user),
        decides_discipline(user),
        reads_dashboards(user),
        manages_accounts(user),
        administers_root(user),
    )


@register.simple_tag(takes_context=True)
def main_nav(context: Any) -> SafeString:
    """`{% main_nav %}`: core/_nav.html as `{% include %}` renders it, from the cache when the
    same menu was drawn before."""
    key = nav_key(context)
    html = None if settings.DEBUG else _nav_cache.get(key)
    if html is None:
        nav = context.template.engine.get_template(NAV_TEMPLATE)
        with context.push():
            html = mark_safe(nav.render(context))  # a template's output, autoescaped
        if len(_nav_cache) >= NAV_CACHE_SIZE:
            _nav_cache.clear()
        _nav_cache[key] = html
    return html
