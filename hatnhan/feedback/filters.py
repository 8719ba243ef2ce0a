"""The reports' list: one FilterSet for the board page, the API and the Excel export."""

import datetime as dt

import django_filters as df
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.organizations.filters import in_subtree

from .models import Category, FeedbackReport, Status
from .selectors import overdue_q


class ReportFilter(filters.FilterSet):
    organization = in_subtree(
        "organization__path", help_text=_("Tổ chức tiếp nhận; gồm mọi tổ chức cấp dưới.")
    )
    status = filters.ChoiceFilter(choices=Status.choices, label=_("Trạng thái"))
    category = filters.ChoiceFilter(choices=Category.choices, label=_("Nội dung phản ánh"))
    overdue = filters.CheckboxFilter(
        method="filter_overdue",
        label=_("Quá hạn"),
        help_text=_("true: quá hạn phân loại hoặc trả lời."),
    )
    code = df.CharFilter(
        method="filter_code", label=_("Mã tiếp nhận"), max_length=16, help_text=_("Mã tiếp nhận.")
    )
    received_from = filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label=_("Tiếp nhận từ ngày")
    )
    received_to = filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label=_("Tiếp nhận đến ngày")
    )

    substantiated = filters.BooleanFilter(
        label=_("Phản ánh đúng"), help_text=_("true: kết thúc, xác định phản ánh đúng.")
    )
    answer_due_before = filters.DateFilter(
        method="filter_answer_due_before",
        label=_("Đã đến hạn trả lời trước ngày"),
        help_text=_("Đã trả lời, hoặc hạn trả lời đã qua trước ngày này."),
    )

    class Meta:
        model = FeedbackReport
        fields: list[str] = []

    def filter_overdue(
        self, queryset: QuerySet[FeedbackReport], name: str, value: bool | None
    ) -> QuerySet[FeedbackReport]:
        if value is None:
            return queryset
        today = timezone.localdate()
        return queryset.filter(overdue_q(today)) if value else queryset.exclude(overdue_q(today))

    def filter_code(
        self, queryset: QuerySet[FeedbackReport], name: str, value: str
    ) -> QuerySet[FeedbackReport]:
        value = (value or "").strip().upper()
        return queryset.filter(receipt_code=value) if value else queryset

    def filter_answer_due_before(
        self, queryset: QuerySet[FeedbackReport], name: str, value: dt.date
    ) -> QuerySet[FeedbackReport]:
        # The dashboards' denominator of "answered within the limit" (a limit not reached yet
        # is not counted either way).
        return queryset.filter(answer_due__isnull=False).filter(
            Q(answered_on__isnull=False) | Q(answer_due__lt=value)
        )
