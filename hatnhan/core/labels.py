"""Words of pages built in Python, translated once per language: a choice's label, and a
table of lazy words.

Django's ``get_<field>_display()`` builds a hashable copy of the field's choices and
translates the label on every call, and a lazy word translates on every use: on a list of
fifty members that was more than the rest of their rows (issue 13). The answers are the same
strings."""

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils import translation

_tables: dict[tuple[models.Field, Any], dict[Any, str]] = {}


def choice_label(obj: models.Model, name: str) -> Any:
    """obj.get_<name>_display(): the label of the field's value, the value when it has none."""
    field = obj._meta.get_field(name)
    key = (field, translation.get_language())
    table = _tables.get(key)
    if table is None:
        table = _tables[key] = {value: str(label) for value, label in field.flatchoices}
    value = getattr(obj, field.attname)
    return table.get(value, value)


_word_tables: dict[tuple[int, Any], dict[str, str]] = {}


def translated(words: Mapping[str, Any]) -> dict[str, str]:
    """`words` (a module's constant table of lazy words) in the current language."""
    key = (id(words), translation.get_language())
    table = _word_tables.get(key)
    if table is None:
        table = _word_tables[key] = {name: str(text) for name, text in words.items()}
    return table
