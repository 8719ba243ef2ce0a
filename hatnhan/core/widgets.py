"""Form widgets of our own. A picker is a plain <select> (it works without script) whose
options carry their diacritic-free search key; app.js adds a box that narrows the list as
one types a name, "nguyen tung" finding "Nguyễn Quang Tùng".

Options are rendered in Python, once per widget, not through a template per option: a
member list of a few hundred options cost most of a page's time that way (issue 13).

A list longer than PICKER_MAX_OPTIONS is not rendered at all: the picker becomes a search
box (:meth:`PickerMixin.search_from`). The select holds only what is chosen; with script the
box asks the picker's URL for the matches as one types; without script the typed text is
sent with the form, and one match is taken, several are listed to choose from."""

import html
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from hatnhan.core.escaping import escape_value
from hatnhan.core.text import search_key

# The search box's field name is the select's with this suffix.
TYPED_SUFFIX = "__q"


class Typed(str):
    """What a person typed in a search picker that named no single choice (the form says
    how many matched, and lists them)."""


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's attrs.html, in Python: False left out, True as a bare name."""
    return "".join(
        f" {name}" if value is True else f' {escape_value(name)}="{escape_value(str(value))}"'
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
                f'<option value="{escape_value(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{escape_value(option['label'])}</option>"
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


def attrs_html(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html, in Python, to the byte (a None value printed as
    "None", as the template does)."""
    return "".join(
        f" {escape_value(name)}"
        if value is True
        else f' {escape_value(name)}="{html.escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def flat_options(widget: forms.Select, value: Any) -> list[tuple[Any, Any, bool]] | None:
    """(value, label, selected) of a single select's choices, chosen as Django's optgroups
    choose (the first option equal to the value); None when the choices are grouped. (The
    form renderer strips what a template prints, so neither select below ends in a newline.)"""
    chosen = widget.format_value(value)
    options = []
    has_selected = False
    for option_value, label in widget.choices:
        if isinstance(label, list | tuple):
            return None
        if option_value is None:
            option_value = ""
        selected = not has_selected and str(option_value) in chosen
        has_selected |= selected
        options.append((option_value, label, selected))
    return options


class _DrawnSelect(forms.Select):
    """A single select of flat choices built in Python, to the byte of what `drawn_template`
    renders (each option through `option`, joined by `between`, then `closing`); several
    values, grouped choices or another template are left to the template."""

    drawn_template = ""
    option = ""
    between = ""
    closing = "</select>"

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        options = None
        if not self.allow_multiple_selected and self.template_name == self.drawn_template:
            options = flat_options(self, value)
        if options is None:
            return super().render(name, value, attrs, renderer)
        body = self.between.join(
            self.option.format(
                value=escape_value(str(v)),
                selected=" selected" if chosen else "",
                label=escape_value(label),
            )
            for v, label, chosen in options
        )
        opening = f'<select name="{conditional_escape(name)}"'
        return mark_safe(
            f"{opening}{attrs_html(self.build_attrs(self.attrs, attrs))}>{body}{self.closing}"
        )


class Select(OptionsOnceMixin, _DrawnSelect):
    """A plain select, rendered as core/widgets/select.html would render it but without the
    template and Django's per-option dictionaries: the board's filter form draws four of
    them per request, the assignee's with a grassroots organization's hundreds of people."""

    drawn_template = OptionsOnceMixin.template_name
    option = '<option value="{value}"{selected}>{label}</option>'
    between = "\n"


class DjangoSelect(_DrawnSelect):
    """Django's own select (django/forms/widgets/select.html with an include per option),
    the same bytes built in Python: for the short fixed lists (state, order, grouping)."""

    drawn_template = forms.Select.template_name
    option = '\n  <option value="{value}"{selected}>{label}</option>\n'
    closing = "\n</select>"


def search(queryset: Any, text: str) -> Any:
    """The choices matching typed text: every word in the row's diacritic-free search text,
    or the exact party card number / code a person reads off a document."""
    from hatnhan.core.filters import matching

    text = text.strip()
    model = queryset.model
    exact = Q()
    for column in ("party_card_number", "code"):
        if any(f.name == column for f in model._meta.concrete_fields):
            exact |= Q(**{column: text})
    found = matching(queryset, text)
    return (queryset.filter(exact) | found) if exact and text else found


def typed_refusal(queryset: Any, typed: Typed, *, none: Any, many: Any) -> forms.ValidationError:
    """Words typed in a long picker that named no single choice: `none` matched, or `many`
    did (the picker then lists them, to choose one)."""
    found = search(queryset, typed)[: settings.PICKER_MAX_OPTIONS + 1].count()
    if not found:
        return forms.ValidationError(none, code="typed_none", params={"typed": typed})
    return forms.ValidationError(many, code="typed_many", params={"typed": typed, "count": found})


def picker_matches(choices: list[tuple[Any, str]]) -> SafeString:
    """A long picker's answer as one types (app.js puts these options in its select): the
    options as the picker draws them, with their search keys."""
    return PickerSelect(choices=choices).get_context("pick", None, {})["widget"]["options_html"]


class PickerMixin(OptionsOnceMixin):
    template_name = "core/widgets/picker.html"
    # Set by search_from: where the matches come from as one types (None: a plain list).
    search_base: Any = None
    search_params: dict[str, Any] = {}
    # Set by a caller that has counted the choices already: past the limit, no probe query.
    long = False

    def search_from(self, url: Any, **params: Any) -> None:
        """Past PICKER_MAX_OPTIONS choices, search `url` (lazy or not, with `params`) instead
        of listing them."""
        self.search_base = url
        self.search_params = {k: v for k, v in params.items() if v not in (None, "")}

    @property
    def search_url(self) -> str | None:
        if self.search_base is None:
            return None
        query = urlencode(self.search_params)
        return f"{self.search_base}?{query}" if query else str(self.search_base)

    def _queryset(self) -> Any:
        return self.choices.queryset if isinstance(self.choices, ModelChoiceIterator) else None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = super().value_from_datadict(data, files, name)  # type: ignore[misc]
        typed = (data.get(name + TYPED_SUFFIX) or "").strip()
        queryset = self._queryset()
        if not typed or self.search_base is None or queryset is None:
            return value
        if self.allow_multiple_selected:
            chosen = [v for v in (value or []) if v]
        elif value:
            return value  # a choice made in the list wins over the words left in the box
        else:
            chosen = []
        # Two rows are enough to tell one match from several.
        matches = list(search(queryset, typed).values_list("pk", flat=True)[:2])
        if len(matches) == 1:
            pk = str(matches[0])
            if not self.allow_multiple_selected:
                return pk
            return chosen if pk in chosen else [*chosen, pk]
        if self.allow_multiple_selected:
            self.typed = typed
            return chosen
        return Typed(typed)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        queryset = self._queryset()
        if self.search_base is None or queryset is None:
            return super().get_context(name, value, attrs)
        limit = settings.PICKER_MAX_OPTIONS
        iterator = self.choices
        empty = [("", iterator.field.empty_label)] if iterator.field.empty_label is not None else []
        # The probe goes through the field's own iterator, on at most limit + 1 rows: one
        # that reads tuples (directives.forms.FocusIssueChoiceIterator) builds no instances.
        probe = type(iterator)(iterator.field)
        probe.queryset = queryset[: limit + 1]
        listed = [] if self.long else [c for c in probe if c[0] != ""]
        typed = value if isinstance(value, Typed) else getattr(self, "typed", "")
        searching = self.long or len(listed) > limit
        if searching:
            chosen = [v for v in (value if isinstance(value, list | tuple) else [value]) if v]
            chosen = [v for v in chosen if not isinstance(v, Typed)]
            rows = list(queryset.filter(pk__in=[str(v) for v in chosen])) if chosen else []
            if typed:
                rows += [r for r in search(queryset, typed)[:limit] if r not in rows]
            listed = [iterator.choice(row) for row in rows]
        self.choices = empty + listed
        try:
            context = super().get_context(name, "" if isinstance(value, Typed) else value, attrs)
        finally:
            self.choices = iterator
        context["widget"].update(
            searching=searching,
            search_url=self.search_url,
            typed_name=name + TYPED_SUFFIX,
            typed=typed,
            limit=limit,
        )
        return context

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
