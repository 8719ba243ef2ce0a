"""The list of meetings: one FilterSet shared by the page and the API."""

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.organizations.filters import in_subtree

from .models import Meeting, MeetingBody, MeetingKind, MeetingState


class MeetingFilter(filters.FilterSet):
    organization = in_subtree("organization__path")
    kind = filters.ChoiceFilter(choices=MeetingKind.choices, label=_("Loại sinh hoạt"))
    body = filters.ChoiceFilter(choices=MeetingBody.choices, label=_("Thành phần"))
    state = filters.ChoiceFilter(choices=MeetingState.choices, label=_("Trạng thái"))
    year = filters.YearFilter(field_name="year", label=_("Năm"))
    month = filters.MonthFilter(method="filter_month", label=_("Tháng"))
    q = filters.SearchFilter(help_text=_("Tìm theo tên, chuyên đề, địa điểm; không phân biệt dấu."))

    class Meta:
        model = Meeting
        fields: list[str] = []

    def filter_month(
        self, queryset: QuerySet[Meeting], name: str, value: dt.date
    ) -> QuerySet[Meeting]:
        return queryset.filter(planned_start__year=value.year, planned_start__month=value.month)
