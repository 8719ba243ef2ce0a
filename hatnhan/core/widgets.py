"""Form widgets of our own. A picker is a plain <select> (it works without script) whose
options carry their diacritic-free search key; app.js adds a box that narrows the list as
one types a name, "nguyen tung" finding "Nguyễn Quang Tùng".

Options are rendered in Python, once per widget, not through a template per option: a
member list of a few hundred options cost most of a page's time that way (issue 13)."""

from typing import Any

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from hatnhan.core.text import search_key


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's attrs.html, in Python: False left out, True as a bare name."""
    return "".join(
        f" {name}" if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
        if value is not False and value is not None
    )


def options_html(optgroups: list[tuple[Any, list[dict[str, Any]], int]]) -> SafeString:
    """What django/forms/widgets/select.html renders between <select> and </select>."""
    parts: list[str] = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        for option in options:
            parts.append(
                f'<option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("</optgroup>")
    return mark_safe("\n".join(parts))


class OptionsOnceMixin:
    """A select whose options are one string built in Python (core/widgets/select.html)."""

    template_name = "core/widgets/select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        context["widget"]["options_html"] = options_html(context["widget"]["optgroups"])
        return context


class Select(OptionsOnceMixin, forms.Select):
    pass


class PickerMixin(OptionsOnceMixin):
    template_name = "core/widgets/picker.html"

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: bool,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(  # type: ignore[misc]
            name, value, label, selected, index, subindex=subindex, attrs=attrs
        )
        if value not in (None, ""):
            # The same key the server's search uses (core.text.search_key).
            option["attrs"]["data-key"] = search_key(str(label))
        return option


class PickerSelect(PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(PickerMixin, forms.SelectMultiple):
    pass
