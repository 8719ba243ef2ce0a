from django import template

register = template.Library()


@register.filter
def tree_indent(depth: int) -> str:
    """Dashes that show an organization's depth inside a plain <select>."""
    try:
        return "— " * int(depth)
    except (TypeError, ValueError):
        return ""
