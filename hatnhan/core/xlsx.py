"""Cells of the Excel files the system writes: what a person typed stays text.

A name, post or title that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
what spreadsheet programs read as a formula ("CSV/formula injection": a member named
`=HYPERLINK(…)` would become a live link in every export). Such a value is written as a
text cell, its value unchanged so that importing the file back gives the same text, and
marked "quote prefix" so that editing the cell in Excel keeps it text.
"""

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The content type of every .xlsx file the system sends.
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_value(sheet: Any, value: Any) -> Any:
    """`value` as `sheet.append` takes it (either openpyxl mode): text that could be read as a
    formula becomes a text cell; anything else is returned as it is."""
    if not is_formula_like(value):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl makes every "=…" string a formula otherwise
    cell.quotePrefix = True
    return cell


def safe_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    return [safe_value(sheet, v) for v in values]


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """`sheet.append(values)`, formula-safe."""
    sheet.append(safe_row(sheet, values))
