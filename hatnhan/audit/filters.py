"""The audit-event list's filters (the API's /audit-events/)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters

from .models import AuditEvent


class AuditEventFilter(filters.FilterSet):
    object_type = df.CharFilter(
        max_length=100,
        label=_("Loại đối tượng"),
        help_text=_("Nhãn mô hình, ví dụ members.member."),
    )
    object_id = df.CharFilter(max_length=64, label=_("Mã đối tượng"))
    action = df.CharFilter(max_length=64, label=_("Thao tác"), help_text=_("Ví dụ member.update."))
    # Days as a person reads them: __date converts to the local time zone (Asia/Ho_Chi_Minh).
    created_from = filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Từ ngày")
    )
    created_to = filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Đến ngày")
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []
