"""The organization tree's nodes, built in Python: a node was an `{% include %}` with five
translated words and two reversed links, and a bloc's tree and an organization page list
hundreds of them (issue 13). The markup is the one the tree's script and styles read."""

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from hatnhan.core.escaping import format_safe
from hatnhan.core.labels import translated
from hatnhan.core.paths import pk_path

register = template.Library()

_WORDS = {
    "code": gettext_lazy("Mã"),
    "count": gettext_lazy("Số đảng viên đang sinh hoạt"),
    "loading": gettext_lazy("Đang tải…"),
}


def _name_and_badges(node: Any, words: dict[str, str]) -> SafeString:
    return format_safe(
        '<a class="node-name" href="{}">{}</a>\n'
        '      <span class="badge" title="{}">{}</span>\n'
        '      <span class="count badge badge-red" title="{}">{}</span>',
        pk_path("organizations:detail", node.pk),
        node.name,
        words["code"],
        node.code,
        words["count"],
        node.member_count,
    )


def node_html(node: Any, *, open: bool = False, children: Any = None) -> str:
    """One tree node. With `children` (a list), they are rendered closed inside it; without,
    they are loaded by htmx when the node is first opened."""
    words = translated(_WORDS)
    inactive = "" if node.is_active else "inactive"
    if not node.child_count:
        leaf = format_safe('<div class="leaf">\n    {}\n  </div>', _name_and_badges(node, words))
        return format_safe('<li class="{}" id="node-{}">\n  {}\n</li>', inactive, node.pk, leaf)
    if children is None:
        loader = format_safe(
            ' hx-get="{}" hx-trigger="toggle once" hx-target="find ul" hx-swap="innerHTML"',
            pk_path("organizations:tree-children", node.pk),
        )
        inside = format_safe('<li class="muted loading-indicator">{}</li>', words["loading"])
    else:
        loader = ""
        inside = SafeString("".join(node_html(child) for child in children))
    return format_safe(
        '<li class="{}" id="node-{}">\n  <details{}{}>\n    <summary>\n      {}\n    </summary>\n'
        "    <ul>{}</ul>\n  </details>\n</li>",
        inactive,
        node.pk,
        SafeString(" open") if open else "",
        SafeString(loader),
        _name_and_badges(node, words),
        SafeString(inside),
    )


@register.simple_tag
def org_node(node: Any, open: bool = False, children: Any = None) -> SafeString:
    """`{% org_node node open=True children=node.loaded_children %}`: see :func:`node_html`."""
    return SafeString(node_html(node, open=bool(open), children=children))


@register.simple_tag
def org_nodes(nodes: Any) -> SafeString:
    """`{% org_nodes children %}`: closed nodes, their children loaded on opening."""
    return SafeString("".join(node_html(node) for node in nodes))
