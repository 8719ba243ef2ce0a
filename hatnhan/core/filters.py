"""Filters of every list, read one way by the page, the API and the export.

Each app's ``filters.py`` declares one :class:`FilterSet` per list with the filters below;
the page and the export call :func:`filter_list`, the API uses :class:`FilterBackend`
(so drf-spectacular documents the parameters). A value that does not parse is never
ignored nor allowed to reach the database: the API answers 400 naming the parameter, a
page shows the message above an empty list. A well-formed id the user cannot see (or that
does not exist) answers 404 on the API, as guessing an id does everywhere else.
"""

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError

from .restrict import VIEW, restrict
from .text import search_key
from .widgets import Typed, typed_refusal

# Ids are 64-bit: a larger number would overflow the database's integer, not find nothing.
MAX_ID = 2**63 - 1
# Years a list may be filtered by; beyond them dates cannot be built.
YEARS = (1900, 2200)
SEARCH_MAX_LENGTH = 200
NOT_FOUND = "not_found"
TRUE_WORDS = frozenset({"1", "true", "on", "yes"})
FALSE_WORDS = frozenset({"0", "false", "off", "no"})


def matching(
    queryset: QuerySet[Any], query: str | None, column: str = "search_text"
) -> QuerySet[Any]:
    """The one search: rows whose diacritic-free `column` holds every word of the query, in
    any order. "nguyen quang tung", "Tùng Nguyễn" and an NFD-typed "Nguyễn" all find
    "Nguyễn Quang Tùng" (see :func:`hatnhan.core.text.search_key`)."""
    # NUL is no letter of any name, and PostgreSQL refuses it in a query (a 500).
    for word in search_key(query).replace("\x00", " ").split():
        queryset = queryset.filter(**{f"{column}__contains": word})
    return queryset


def _ascii_int(value: Any) -> int | None:
    """The integer a query string spells in ASCII digits, or None: ``str.isdigit`` takes "²"
    and "٣", which ``int`` then refuses or reads as another number."""
    text = str(value).strip()
    if text.startswith("-"):
        digits = text[1:]
        sign = -1
    else:
        digits, sign = text, 1
    if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > 19:
        return None
    return sign * int(digits)


def id_or_none(value: Any) -> int | None:
    """An id from a query string or form, or None when it does not spell one (a form's
    prefill, where there is no list to show a message above: the form simply starts empty)."""
    number = None if value in (None, "") else _ascii_int(value)
    return number if number is not None and 0 < number <= MAX_ID else None


class IdField(forms.ModelChoiceField):
    """An object the user may see, by id: malformed → "invalid", unseen → "not_found"."""

    default_error_messages = {
        "invalid": _("“%(value)s” không phải là mã số hợp lệ (số nguyên dương)."),
        NOT_FOUND: _("Không tìm thấy mục có mã %(value)s trong phạm vi của đồng chí."),
        "typed_none": _("Không tìm thấy mục nào khớp “%(typed)s”."),
        "typed_many": _("Có %(count)s mục khớp “%(typed)s”: chọn một mục trong danh sách."),
    }

    def to_python(self, value: Any) -> Model | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Typed):
            raise typed_refusal(
                self.queryset,
                value,
                none=self.error_messages["typed_none"],
                many=self.error_messages["typed_many"],
            )
        number = id_or_none(value)
        if number is None:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        try:
            return self.queryset.get(pk=number)
        except self.queryset.model.DoesNotExist:
            raise ValidationError(
                self.error_messages[NOT_FOUND], code=NOT_FOUND, params={"value": number}
            ) from None


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(df.ModelChoiceFilter):
    """Filter by an object of `model` that the request's user may VIEW. ``subtree=True`` (for
    organizations) keeps the rows of its whole subtree: `field_name` then names the lookup
    to the rows' organization path."""

    field_class = IdField

    def __init__(
        self, model: type[Model], *args: Any, subtree: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("queryset", lambda request: _visible(model, request))
        self.subtree = subtree
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value is None:
            return qs
        if self.subtree:
            return qs.filter(**{f"{self.field_name}__startswith": value.path})
        qs = qs.filter(**{self.field_name: value})
        return qs.distinct() if self.distinct else qs


def _visible(model: type[Model], request: HttpRequest | None) -> QuerySet[Any]:
    return restrict(model._default_manager.all(), getattr(request, "user", None), VIEW)


class StrictIntegerField(forms.IntegerField):
    default_error_messages = {
        "invalid": _("“%(value)s” không phải là số nguyên."),
        "min_value": _("Giá trị phải từ %(limit_value)s trở lên."),
        "max_value": _("Giá trị phải từ %(limit_value)s trở xuống."),
    }

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = _ascii_int(value)
        if number is None:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        return number


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(df.NumberFilter):
    """A year between :data:`YEARS` (a year past 9999 cannot become a date)."""

    field_class = StrictIntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", YEARS[0])
        kwargs.setdefault("max_value", YEARS[1])
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.Field):
    """true/false, 1/0, on/off, yes/no; anything else is an error, not "no filter"."""

    default_error_messages = {
        "invalid": _("“%(value)s” không hợp lệ; dùng true hoặc false."),
    }

    def to_python(self, value: Any) -> bool | None:
        if value in self.empty_values:
            return None
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(
            self.error_messages["invalid"], code="invalid", params={"value": value}
        )


class BooleanFilter(df.BooleanFilter):
    field_class = StrictBooleanField


class CheckboxInput(forms.CheckboxInput):
    """A checkbox whose absence means "no filter", not "false" (as a form's checkbox would)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, check_test=lambda v: str(v).strip().lower() in TRUE_WORDS)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)


class CheckboxFilter(BooleanFilter):
    """A boolean shown on a page as a checkbox (checked sends "on")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", CheckboxInput)
        super().__init__(*args, **kwargs)


class DateField(forms.DateField):
    default_error_messages = {
        "invalid": _("“%(value)s” không phải là ngày hợp lệ; dùng dd/mm/yyyy hoặc yyyy-mm-dd."),
    }

    def to_python(self, value: Any) -> dt.date | None:
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None


class DateFilter(df.DateFilter):
    field_class = DateField


class MonthField(forms.Field):
    """A month as yyyy-mm, its year within :data:`YEARS`; the first day of it."""

    default_error_messages = {
        "invalid": _("“%(value)s” không phải là tháng hợp lệ; dùng yyyy-mm, ví dụ 2026-03."),
    }

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        year, _sep, month = str(value).strip().partition("-")
        number, month_number = _ascii_int(year), _ascii_int(month)
        if (
            number is None
            or month_number is None
            or not YEARS[0] <= number <= YEARS[1]
            or not 1 <= month_number <= 12
        ):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        return dt.date(number, month_number, 1)


@extend_schema_field(OpenApiTypes.STR)
class MonthFilter(df.Filter):
    field_class = MonthField


class ChoiceFilter(df.ChoiceFilter):
    """One of the choices; the message says which value was refused."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("Tất cả"))
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("“%(value)s” không phải là một lựa chọn hợp lệ.")},
        )
        super().__init__(*args, **kwargs)


class ChoicesField(df.fields.ChoiceField):
    """One or more of the choices, comma-separated ("assigned,in_progress")."""

    def to_python(self, value: Any) -> list[str]:
        if value in self.empty_values:
            return []
        return [part.strip() for part in str(value).split(",") if part.strip()]

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        for part in value:
            if not self.valid_value(part):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": part},
                )


@extend_schema_field(OpenApiTypes.STR)
class ChoicesFilter(ChoiceFilter):
    field_class = ChoicesField


class SearchFilter(df.CharFilter):
    """The free-text search of a list, through :func:`matching` on `field_name`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("field_name", "search_text")
        kwargs.setdefault("label", _("Tìm"))
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault(
            "help_text",
            _("Mọi từ đều phải có mặt, theo thứ tự bất kỳ; không phân biệt dấu, hoa thường."),
        )
        kwargs.setdefault("error_messages", {"max_length": _("Tối đa %(limit_value)d ký tự.")})
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        return matching(qs, value, self.field_name)


class _Filters(dict):
    """A FilterSet's declared filters. django-filter deep-copies them for every FilterSet
    made (a board request makes one): lazy labels, choices and all, ~7,000 function calls a
    request. A filter's state is its attributes and its `extra` keyword arguments, which
    nothing changes once declared: a copy of each with its own `extra`, its own method
    wrapper, and no form field built before (a new FilterSet builds its own) is the same
    filter."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, df.Filter]:
        copies = {}
        for name, declared in self.items():
            filter_ = copy.copy(declared)
            filter_.extra = dict(declared.extra)
            filter_.__dict__.pop("_field", None)
            if declared.method is not None:
                filter_.method = declared.method  # its FilterMethod holds the filter itself
            copies[name] = filter_
        return copies


class FilterSet(df.FilterSet):
    """A list's filters. Subclasses set `Meta.model` and declare their filters; `Meta.fields`
    stays empty so nothing is filtered that was not declared (and parsed) here."""

    @classmethod
    def get_filters(cls) -> dict[str, df.Filter]:
        return _Filters(super().get_filters())

    def problems(self) -> list[str]:
        """Each refused value as "Label: message", for the page to show above its list."""
        if not self.is_bound or self.is_valid():
            return []
        found = []
        for name, errors in self.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else name
            found.extend(f"{label}: {message}" for message in errors)
        return found


def filter_list(
    filterset_class: type[FilterSet],
    request: HttpRequest,
    queryset: QuerySet[Any],
    data: Mapping[str, Any] | None = None,
    prepare: Callable[[forms.Form], None] | None = None,
) -> tuple[FilterSet, QuerySet[Any]]:
    """The page's or export's rows: the filtered queryset, or none when a value is refused
    (``filterset.problems()`` says which). Nothing is filtered half-way: a list narrowed by
    some filters but not the one typed wrong would look like an answer. `prepare` changes
    the form before it reads the data (a page's own widgets: a picker reads what was typed)."""
    filterset = filterset_class(request.GET if data is None else data, queryset, request=request)
    if prepare is not None:
        prepare(filterset.form)
    if not filterset.is_valid():
        return filterset, queryset.none()
    return filterset, filterset.qs


class FilterBackend(DjangoFilterBackend):
    """The API's side: 400 by parameter for a malformed value, 404 when every refusal is an
    id the user cannot see (as for a guessed id in a URL)."""

    def filter_queryset(self, request: Any, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise_refusal(filterset)
        return filterset.qs


def raise_refusal(filterset: FilterSet) -> None:
    refusals = filterset.form.errors.as_data()
    if all(e.code == NOT_FOUND for errors in refusals.values() for e in errors):
        raise NotFound(" ".join(m for errors in filterset.errors.values() for m in errors))
    raise ApiValidationError(
        {name: [str(m) for m in errors] for name, errors in filterset.errors.items()}
    )


def refused(request: HttpRequest, filterset: FilterSet) -> HttpResponse:
    """An export asked with a refused filter: no file, a page saying which value (400)."""
    return render(
        request,
        "core/filter_refused.html",
        {"filter_problems": filterset.problems(), "filter_refused": True},
        status=400,
    )


def choices_of(queryset: QuerySet[Any], label: Callable[[Any], str]) -> list[tuple[Any, str]]:
    """A page's options for an id filter: `queryset` (narrower than what validates)."""
    return [("", _("Tất cả")), *((obj.pk, label(obj)) for obj in queryset)]


def row_choices(rows: Iterable[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """:func:`choices_of` from (id, label) pairs already built, e.g. from values_list."""
    return [("", _("Tất cả")), *rows]
