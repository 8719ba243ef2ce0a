"""Form widgets of our own. A picker is a plain <select> (it works without script) whose
options carry their diacritic-free search key; app.js adds a box that narrows the list as
one types a name, "nguyen tung" finding "Nguyễn Quang Tùng"."""

from typing import Any

from django import forms

from hatnhan.core.text import search_key


class PickerMixin:
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
