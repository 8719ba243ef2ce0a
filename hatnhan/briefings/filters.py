"""The lists of briefing duties and briefings: one FilterSet each, shared by the pages and
the API."""

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.organizations.filters import in_subtree

from .models import Briefing, BriefingDuty, BriefingKind, BriefingStatus, Frequency


class DutyFilter(filters.FilterSet):
    organization = in_subtree("organization__path")
    frequency = filters.ChoiceFilter(choices=Frequency.choices, label=_("Định kỳ báo cáo"))
    active = filters.BooleanFilter(field_name="is_active", label=_("Đang áp dụng"))

    class Meta:
        model = BriefingDuty
        fields: list[str] = []


class BriefingFilter(filters.FilterSet):
    organization = in_subtree("organization__path")
    duty = filters.IdFilter(BriefingDuty, field_name="duty", label=_("Chế độ thông báo"))
    status = filters.ChoiceFilter(choices=BriefingStatus.choices, label=_("Trạng thái"))
    kind = filters.ChoiceFilter(choices=BriefingKind.choices, label=_("Loại"))
    year = filters.YearFilter(
        method="filter_year", label=_("Năm"), help_text=_("Năm của hạn báo cáo.")
    )
    due_from = filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("Hạn từ"))
    due_to = filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("Hạn đến"))
    late = filters.BooleanFilter(
        method="filter_late",
        label=_("Báo cáo chậm"),
        help_text=_("true: chỉ các báo cáo gửi sau hạn; false: chỉ các báo cáo đúng hạn."),
    )

    class Meta:
        model = Briefing
        fields: list[str] = []

    def filter_year(
        self, queryset: QuerySet[Briefing], name: str, value: int
    ) -> QuerySet[Briefing]:
        return queryset.filter(due_date__year=value)

    def filter_late(
        self, queryset: QuerySet[Briefing], name: str, value: bool
    ) -> QuerySet[Briefing]:
        filed = queryset.filter(submitted_at__isnull=False)
        late = filed.filter(submitted_at__localdate__gt=F("due_date"))
        return late if value else filed.exclude(pk__in=late.values("pk"))
