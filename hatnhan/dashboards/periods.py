"""The period a dashboard shows, from the page's (or the API's) GET parameters:
`period=year&year=2026`, `period=quarter&year=2026&quarter=3`, `period=month&month=2026-03`,
`period=range&start=01/03/2026&end=15/05/2026`; nothing (or anything invalid) is the current
year. The pre-aggregate counts by month, so a range is read as the whole months it touches:
its dates are widened to them and the label says so."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hatnhan.core.filters import YEARS, DateField, MonthField, StrictIntegerField

from .services import months_between, next_month

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
KINDS = [
    ("year", gettext_lazy("Năm")),
    ("quarter", gettext_lazy("Quý")),
    ("month", gettext_lazy("Tháng")),
    ("range", gettext_lazy("Khoảng thời gian")),
]


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date
    label: str

    @property
    def months(self) -> list[dt.date]:
        return months_between(self.start, self.end)

    def year_before(self) -> "Period":
        """The same period one year earlier (whole months, so 29/02 never arises)."""
        start = self.start.replace(year=self.start.year - 1)
        end = next_month(self.end.replace(year=self.end.year - 1, day=1)) - dt.timedelta(days=1)
        return make(self.kind, start, end)

    def query(self) -> dict[str, str]:
        """The GET parameters that choose this period again."""
        if self.kind == "quarter":
            return {
                "period": "quarter",
                "year": str(self.start.year),
                "quarter": str((self.start.month - 1) // 3 + 1),
            }
        if self.kind == "month":
            return {"period": "month", "month": f"{self.start:%Y-%m}"}
        if self.kind == "range":
            return {
                "period": "range",
                "start": f"{self.start:%d/%m/%Y}",
                "end": f"{self.end:%d/%m/%Y}",
            }
        return {"period": "year", "year": str(self.start.year)}


def month_end(day: dt.date) -> dt.date:
    return next_month(day.replace(day=1)) - dt.timedelta(days=1)


def make(kind: str, start: dt.date, end: dt.date) -> Period:
    if kind == "year":
        label = _("Năm %(year)s") % {"year": start.year}
    elif kind == "quarter":
        quarter = (start.month - 1) // 3 + 1
        label = _("Quý %(quarter)s/%(year)s") % {"quarter": ROMAN[quarter], "year": start.year}
    elif kind == "month":
        label = _("Tháng %(month)s/%(year)s") % {"month": start.month, "year": start.year}
    else:
        label = f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
    return Period(kind=kind, start=start, end=end, label=label)


# Which period kinds each field belongs to: the picker shows the chosen kind's fields only.
FIELD_KINDS = {
    "year": "year quarter",
    "quarter": "quarter",
    "month": "month",
    "start": "range",
    "end": "range",
}


class PeriodForm(forms.Form):
    period = forms.ChoiceField(choices=KINDS, required=False, label=gettext_lazy("Kỳ"))
    year = StrictIntegerField(
        min_value=YEARS[0], max_value=YEARS[1], required=False, label=gettext_lazy("Năm")
    )
    quarter = forms.TypedChoiceField(
        choices=[(str(q), ROMAN[q]) for q in ROMAN],
        coerce=int,
        required=False,
        label=gettext_lazy("Quý"),
    )
    month = MonthField(required=False, label=gettext_lazy("Tháng"))
    start = DateField(required=False, label=gettext_lazy("Từ ngày"))
    end = DateField(required=False, label=gettext_lazy("Đến ngày"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("period") or "year"
        if kind == "quarter" and not data.get("quarter"):
            self.add_error("quarter", _("Chọn quý."))
        if kind == "month" and not data.get("month"):
            self.add_error("month", _("Chọn tháng (yyyy-mm)."))
        if kind == "range":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                self.add_error("end", _("Chọn ngày bắt đầu và ngày kết thúc."))
            elif end < start:
                self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
            elif (end.year - start.year) * 12 + end.month - start.month >= 36:
                self.add_error("end", _("Khoảng thời gian không quá 36 tháng."))
        return data

    def picker(self) -> list[tuple[forms.BoundField, str]]:
        """Each field, with the period kinds it belongs to ("" for the kind's own select)."""
        return [(field, FIELD_KINDS.get(field.name, "")) for field in self]


def parse(data: Any, today: dt.date) -> tuple[Period, PeriodForm]:
    """The period the parameters choose, and the form to show: bound to that period's own
    parameters (so the picker says what is shown — the year when none was given, a range
    widened to its whole months), or to what was given, with its errors, when they choose an
    invalid one (the current year is then shown)."""
    period, form = _parse(data, today)
    return period, (PeriodForm(period.query()) if form.is_valid() else form)


def _parse(data: Any, today: dt.date) -> tuple[Period, PeriodForm]:
    form = PeriodForm(data)
    if not form.is_valid():
        return make("year", dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)), form
    value = form.cleaned_data
    kind = value.get("period") or "year"
    year = value.get("year") or today.year
    if kind == "quarter":
        start = dt.date(year, 3 * value["quarter"] - 2, 1)
        return make(kind, start, month_end(start.replace(month=start.month + 2))), form
    if kind == "month":
        start = value["month"]
        return make(kind, start, month_end(start)), form
    if kind == "range":
        return make(kind, value["start"].replace(day=1), month_end(value["end"])), form
    return make("year", dt.date(year, 1, 1), dt.date(year, 12, 31)), form
