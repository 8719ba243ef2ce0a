"""The discipline lists' filters: one FilterSet each, shared by the page and the API."""

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.members.models import Member
from hatnhan.organizations.filters import in_subtree
from hatnhan.organizations.models import Organization

from .models import DecisionStatus, DisciplineDecision, DisciplineForm, StateDiscipline


class DecisionFilter(filters.FilterSet):
    organization = in_subtree(
        "organization__path", help_text=_("Đối tượng thuộc tổ chức này hoặc cấp dưới.")
    )
    member = filters.IdFilter(Member, field_name="member", label=_("Đảng viên bị kỷ luật"))
    subject_organization = filters.IdFilter(
        Organization, field_name="subject_organization", label=_("Tổ chức bị kỷ luật")
    )
    form = filters.ChoiceFilter(choices=DisciplineForm.choices, label=_("Hình thức kỷ luật"))
    status = filters.ChoiceFilter(choices=DecisionStatus.choices, label=_("Hiệu lực"))
    year = filters.YearFilter(field_name="decided_on__year", label=_("Năm quyết định"))
    q = filters.SearchFilter(help_text=_("Tìm theo số, đối tượng, lý do; không phân biệt dấu."))

    class Meta:
        model = DisciplineDecision
        fields: list[str] = []


class StateDisciplineFilter(filters.FilterSet):
    organization = in_subtree("organization__path")
    member = filters.IdFilter(Member, field_name="member", label=_("Đảng viên"))
    year = filters.YearFilter(field_name="decided_on__year", label=_("Năm quyết định"))
    late = filters.BooleanFilter(
        method="filter_late",
        label=_("Thông báo muộn"),
        help_text=_("true: thông báo sau hạn, hoặc quá hạn mà chưa thông báo."),
    )

    class Meta:
        model = StateDiscipline
        fields: list[str] = []

    def filter_late(
        self, queryset: QuerySet[StateDiscipline], name: str, value: bool | None
    ) -> QuerySet[StateDiscipline]:
        if value is None:
            return queryset
        late = Q(notified_on__gt=F("notice_due_on")) | Q(
            notified_on__isnull=True, notice_due_on__lt=timezone.localdate()
        )
        return queryset.filter(late) if value else queryset.exclude(late)
