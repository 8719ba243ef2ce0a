"""The list of meetings: one FilterSet shared by the page and the API."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.organizations.filters import in_subtree

from .models import Meeting, MeetingBody, MeetingKind, MeetingState, QualityLevel

TOOK_PLACE = [MeetingState.HELD, MeetingState.CLOSED]


class MeetingFilter(filters.FilterSet):
    organization = in_subtree("organization__path")
    kind = filters.ChoiceFilter(choices=MeetingKind.choices, label=_("Loại sinh hoạt"))
    body = filters.ChoiceFilter(choices=MeetingBody.choices, label=_("Thành phần"))
    state = filters.ChoiceFilter(choices=MeetingState.choices, label=_("Trạng thái"))
    year = filters.YearFilter(field_name="year", label=_("Năm"))
    month = filters.MonthFilter(method="filter_month", label=_("Tháng"))
    q = filters.SearchFilter(help_text=_("Tìm theo tên, chuyên đề, địa điểm; không phân biệt dấu."))
    # The dashboards' drill-downs: the meetings of a span of months (the month a meeting is
    # for, as the quality rating counts it), held ones, of a rated quality.
    month_from = filters.MonthFilter(method="filter_month_from", label=_("Từ tháng"))
    month_to = filters.MonthFilter(method="filter_month_to", label=_("Đến tháng"))
    held = filters.CheckboxFilter(
        method="filter_held", label=_("Đã họp"), help_text=_("true: chỉ các cuộc đã họp.")
    )
    # Last: the level is computed from each meeting's record (meetings.quality), over the rows
    # the other filters left.
    quality = filters.ChoiceFilter(
        choices=QualityLevel.choices,
        method="filter_quality",
        label=_("Chất lượng"),
        help_text=_("Xếp loại chất lượng của cuộc đã họp (tính từ hồ sơ)."),
    )

    class Meta:
        model = Meeting
        fields: list[str] = []

    def filter_month(
        self, queryset: QuerySet[Meeting], name: str, value: dt.date
    ) -> QuerySet[Meeting]:
        return queryset.filter(planned_start__year=value.year, planned_start__month=value.month)

    def filter_month_from(
        self, queryset: QuerySet[Meeting], name: str, value: dt.date
    ) -> QuerySet[Meeting]:
        return queryset.filter(Q(year__gt=value.year) | Q(year=value.year, month__gte=value.month))

    def filter_month_to(
        self, queryset: QuerySet[Meeting], name: str, value: dt.date
    ) -> QuerySet[Meeting]:
        return queryset.filter(Q(year__lt=value.year) | Q(year=value.year, month__lte=value.month))

    def filter_held(self, queryset: QuerySet[Meeting], name: str, value: bool) -> QuerySet[Meeting]:
        if value is None:
            return queryset
        return (
            queryset.filter(state__in=TOOK_PLACE)
            if value
            else queryset.exclude(state__in=TOOK_PLACE)
        )

    def filter_quality(
        self, queryset: QuerySet[Meeting], name: str, value: str
    ) -> QuerySet[Meeting]:
        from .quality import load_facts, meeting_result

        held = list(queryset.filter(state__in=TOOK_PLACE).order_by())
        facts = load_facts(held)
        return queryset.filter(
            pk__in=[m.pk for m in held if meeting_result(m, facts).level == value]
        )
