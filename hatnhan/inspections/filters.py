"""The lists of program items, cases and findings: one FilterSet each, shared by the pages
and the API (filters by subject, kind, step, organization)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.members.models import Member
from hatnhan.organizations.filters import in_subtree

from .models import Case, Finding, ItemKind, ProgramItem, Step
from .services import severities


class ProgramItemFilter(filters.FilterSet):
    organization = in_subtree(
        "program__organization__path", help_text=_("Cơ quan kiểm tra; gồm mọi tổ chức cấp dưới.")
    )
    subject = in_subtree(
        "subject_organization__path",
        label=_("Đối tượng"),
        help_text=_("Tổ chức được kiểm tra, giám sát; gồm mọi tổ chức cấp dưới."),
    )
    subject_member = filters.IdFilter(
        Member, field_name="subject_member", label=_("Đảng viên được kiểm tra")
    )
    kind = filters.ChoiceFilter(choices=ItemKind.choices, label=_("Loại"))
    year = filters.YearFilter(field_name="program__year", label=_("Năm"))

    class Meta:
        model = ProgramItem
        fields: list[str] = []


class CaseFilter(filters.FilterSet):
    organization = in_subtree(
        "organization__path", help_text=_("Cơ quan kiểm tra; gồm mọi tổ chức cấp dưới.")
    )
    subject = in_subtree(
        "subject_organization__path",
        label=_("Đối tượng"),
        help_text=_("Tổ chức được kiểm tra, giám sát; gồm mọi tổ chức cấp dưới."),
    )
    subject_member = filters.IdFilter(
        Member, field_name="subject_member", label=_("Đảng viên được kiểm tra")
    )
    kind = filters.ChoiceFilter(choices=ItemKind.choices, label=_("Loại"))
    step = filters.ChoiceFilter(choices=Step.choices, label=_("Bước"))
    open = filters.BooleanFilter(
        method="filter_open", label=_("Đang tiến hành"), help_text=_("true: chưa kết thúc.")
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_open(self, queryset: QuerySet[Case], name: str, value: bool) -> QuerySet[Case]:
        if value is None:
            return queryset
        return queryset.exclude(step=Step.CLOSED) if value else queryset.filter(step=Step.CLOSED)


class FindingFilter(filters.FilterSet):
    organization = in_subtree(
        "case__organization__path", help_text=_("Cơ quan kiểm tra; gồm mọi tổ chức cấp dưới.")
    )
    subject = in_subtree(
        "case__subject_organization__path",
        label=_("Đối tượng"),
        help_text=_("Tổ chức được kiểm tra, giám sát; gồm mọi tổ chức cấp dưới."),
    )
    case = filters.IdFilter(Case, field_name="case", label=_("Cuộc kiểm tra"))
    kind = filters.ChoiceFilter(field_name="case__kind", choices=ItemKind.choices, label=_("Loại"))
    step = filters.ChoiceFilter(field_name="case__step", choices=Step.choices, label=_("Bước"))
    severity = filters.ChoiceFilter(choices=lambda: list(severities().items()), label=_("Mức độ"))

    class Meta:
        model = Finding
        fields: list[str] = []
