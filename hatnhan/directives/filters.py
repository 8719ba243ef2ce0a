"""The lists of directives, year themes, resolutions and focus issues: one FilterSet each,
shared by the pages and the API."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.organizations.filters import in_subtree

from .models import (
    Directive,
    DirectiveKind,
    FocusIssue,
    FocusLevel,
    Resolution,
    ResolutionKind,
    YearTheme,
)


class DirectiveFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=DirectiveKind.choices, label=_("Loại văn bản"))
    q = filters.SearchFilter(help_text=_("Tìm theo số, ký hiệu, trích yếu; không phân biệt dấu."))

    class Meta:
        model = Directive
        fields: list[str] = []


class YearThemeFilter(filters.FilterSet):
    year = filters.YearFilter(field_name="year", label=_("Năm"))

    class Meta:
        model = YearTheme
        fields: list[str] = []


class ResolutionFilter(filters.FilterSet):
    organization = in_subtree("organization__path", issued=Resolution)
    kind = filters.ChoiceFilter(choices=ResolutionKind.choices, label=_("Loại nghị quyết"))
    year = filters.YearFilter(
        method="filter_year", label=_("Năm"), help_text=_("Năm nằm trong thời kỳ của nghị quyết.")
    )
    q = filters.SearchFilter(help_text=_("Tìm theo số, trích yếu; không phân biệt dấu."))

    class Meta:
        model = Resolution
        fields: list[str] = []

    def filter_year(
        self, queryset: QuerySet[Resolution], name: str, value: int
    ) -> QuerySet[Resolution]:
        return queryset.filter(period_start__year__lte=value, period_end__year__gte=value)


class FocusIssueFilter(filters.FilterSet):
    organization = in_subtree("organization__path", issued=FocusIssue)
    resolution = filters.IdFilter(Resolution, field_name="resolution", label=_("Nghị quyết"))
    level = filters.ChoiceFilter(choices=FocusLevel.choices, label=_("Mức độ"))
    q = filters.SearchFilter(help_text=_("Tìm theo nội dung; không phân biệt dấu."))

    class Meta:
        model = FocusIssue
        fields: list[str] = []
