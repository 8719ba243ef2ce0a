"""The member and committee-seat lists' filters, shared by the page, the API and the export."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.organizations.filters import in_subtree

from .models import CommitteeSeat, Member, MemberStatus


class MemberFilter(filters.FilterSet):
    organization = in_subtree("organization__path")
    status = filters.ChoiceFilter(choices=MemberStatus.choices, label=_("Tình trạng"))
    q = filters.SearchFilter(help_text=_("Tìm theo họ tên, số thẻ; không phân biệt dấu."))
    # The API's first name for `q`, kept for the clients that use it.
    search = filters.SearchFilter(help_text=_("Như q (tên cũ)."))

    class Meta:
        model = Member
        fields: list[str] = []


class SeatFilter(filters.FilterSet):
    organization = in_subtree("organization__path")
    member = filters.IdFilter(Member, field_name="member", label=_("Đảng viên"))
    current = filters.BooleanFilter(
        method="filter_current",
        label=_("Đương nhiệm"),
        help_text=_("true: chỉ chức danh đương nhiệm (chưa có ngày kết thúc); false: đã thôi."),
    )
    q = filters.SearchFilter(
        field_name="member__search_text", help_text=_("Tìm theo tên, số thẻ của đảng viên.")
    )

    class Meta:
        model = CommitteeSeat
        fields: list[str] = []

    def filter_current(
        self, queryset: QuerySet[CommitteeSeat], name: str, value: bool
    ) -> QuerySet[CommitteeSeat]:
        return queryset.filter(end_date__isnull=value)
