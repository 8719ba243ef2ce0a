"""The task list's filters: the board (and its Excel export) and the API read them alike."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core import filters
from hatnhan.directives.models import Directive, FocusIssue
from hatnhan.members.models import Member
from hatnhan.organizations.filters import in_subtree

from .models import OPEN_STATUSES, Notification, SourceKind, Task, TaskStatus

OPEN = "open"
# Sort keys a list may ask for (public name -> order_by).
ORDERINGS: dict[str, list[str]] = {
    "due": ["due_date", "id"],
    "-due": ["-due_date", "-id"],
    "priority": ["-priority_rank", "due_date", "id"],
    "owner": ["owner__sort_key", "due_date", "id"],
    "status": ["status", "due_date", "id"],
    "percent": ["percent", "due_date", "id"],
    "-percent": ["-percent", "due_date", "id"],
    "created": ["-created_at", "-id"],
}
ORDERING_LABELS = [
    ("due", _("Hạn gần nhất")),
    ("-due", _("Hạn xa nhất")),
    ("priority", _("Ưu tiên cao trước")),
    ("owner", _("Người chịu trách nhiệm")),
    ("status", _("Trạng thái")),
    ("percent", _("Tiến độ thấp trước")),
    ("-percent", _("Tiến độ cao trước")),
    ("created", _("Mới giao")),
]
# The board's grouping is an order too: rows of a group together, by due date inside it.
GROUPINGS: dict[str, list[str]] = {
    "owner": ["owner__sort_key", "owner_id", "due_date", "id"],
    "status": ["status", "due_date", "id"],
    "focus_issue": [
        "focus_issue__resolution_id",
        "focus_issue__position",
        "focus_issue_id",
        "due_date",
        "id",
    ],
}
GROUPING_LABELS = [
    ("owner", _("Theo người chịu trách nhiệm")),
    ("status", _("Theo trạng thái")),
    ("focus_issue", _("Theo vấn đề trọng tâm")),
]


class TaskFilter(filters.FilterSet):
    organization = in_subtree("organization__path")
    assignee = filters.IdFilter(
        Member, field_name="owner", label=_("Người chịu trách nhiệm"), help_text=_("Đảng viên.")
    )
    member = filters.IdFilter(
        Member,
        method="filter_member",
        label=_("Đảng viên"),
        help_text=_("Đảng viên chịu trách nhiệm hoặc phối hợp."),
        widget=forms.HiddenInput,
    )
    status = filters.ChoicesFilter(
        choices=[(OPEN, _("Đang mở")), *TaskStatus.choices],
        method="filter_status",
        label=_("Trạng thái"),
        help_text=_("Một hoặc nhiều trạng thái cách dấu phẩy; open: mọi trạng thái còn mở."),
    )
    focus_issue = filters.IdFilter(
        FocusIssue, field_name="focus_issue", label=_("Vấn đề trọng tâm")
    )
    directive = filters.IdFilter(
        Directive,
        method="filter_directive",
        label=_("Văn bản chỉ đạo"),
        help_text=_("Nhiệm vụ thực hiện văn bản, trực tiếp hoặc qua vấn đề trọng tâm."),
        widget=forms.HiddenInput,
    )
    parent = filters.IdFilter(
        Task, field_name="parent", label=_("Nhiệm vụ cha"), widget=forms.HiddenInput
    )
    overdue = filters.CheckboxFilter(
        method="filter_overdue",
        label=_("Chỉ quá hạn"),
        help_text=_("true: chỉ quá hạn; false: bỏ quá hạn."),
    )
    source_kind = filters.ChoiceFilter(
        choices=[c for c in SourceKind.choices if c[0]],
        label=_("Nguồn"),
        help_text=_("Nhiệm vụ phát sinh từ đâu (kết luận kiểm tra, phản ánh, …)."),
        widget=forms.HiddenInput,
    )
    reported = filters.BooleanFilter(
        field_name="submitted_at",
        lookup_expr="isnull",
        exclude=True,
        label=_("Đã báo cáo hoàn thành"),
        help_text=_("true: người chịu trách nhiệm đã báo cáo hoàn thành."),
        widget=forms.HiddenInput,
    )
    q = filters.SearchFilter(help_text=_("Tìm theo tên, nội dung; không phân biệt dấu."))
    # Shown on the board only when a link asks for them (a calendar day's "more" link).
    due_from = filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("Hạn từ"))
    due_to = filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("Hạn đến"))
    ordering = filters.ChoiceFilter(
        choices=ORDERING_LABELS,
        method="filter_ordering",
        label=_("Sắp xếp"),
        empty_label=None,
        null_label=None,
    )
    group = filters.ChoiceFilter(
        choices=GROUPING_LABELS, method="filter_group", label=_("Nhóm"), empty_label=_("Không nhóm")
    )

    class Meta:
        model = Task
        fields: list[str] = []

    def filter_member(self, queryset: QuerySet[Task], name: str, value: Member) -> QuerySet[Task]:
        return queryset.for_member(value.pk)

    def filter_status(
        self, queryset: QuerySet[Task], name: str, value: list[str]
    ) -> QuerySet[Task]:
        wanted = set(value)
        if OPEN in wanted:
            wanted = (wanted - {OPEN}) | set(OPEN_STATUSES)
        return queryset.filter(status__in=sorted(wanted))

    def filter_directive(
        self, queryset: QuerySet[Task], name: str, value: Directive
    ) -> QuerySet[Task]:
        # A subquery, not a join: a focus issue serving the directive twice repeats no task.
        serving = Task.objects.filter(Q(directive=value) | Q(focus_issue__directives=value))
        return queryset.filter(pk__in=serving.values("pk"))

    def filter_overdue(self, queryset: QuerySet[Task], name: str, value: bool) -> QuerySet[Task]:
        today = timezone.localdate()
        if value:
            return queryset.overdue(today)
        return queryset.exclude(pk__in=Task.objects.overdue(today).values("pk"))

    def filter_ordering(self, queryset: QuerySet[Task], name: str, value: str) -> QuerySet[Task]:
        return queryset.order_by(*ORDERINGS[value])

    def filter_group(self, queryset: QuerySet[Task], name: str, value: str) -> QuerySet[Task]:
        return queryset.order_by(*GROUPINGS[value])

    @property
    def grouping(self) -> str:
        return (self.form.cleaned_data.get("group") or "") if self.is_valid() else ""


class NotificationFilter(filters.FilterSet):
    unread = filters.CheckboxFilter(
        method="filter_unread",
        label=_("Chỉ chưa đọc"),
        help_text=_("true: chỉ thông báo chưa đọc."),
    )

    class Meta:
        model = Notification
        fields: list[str] = []

    def filter_unread(
        self, queryset: QuerySet[Notification], name: str, value: bool
    ) -> QuerySet[Notification]:
        return queryset.filter(read_at__isnull=value)


class CalendarFilter(filters.FilterSet):
    """The calendar's month (its grid's dates are the view's) and "only mine"."""

    month = filters.MonthFilter(method="filter_month", label=_("Tháng"))
    mine = filters.CheckboxFilter(
        method="filter_mine",
        label=_("Chỉ của tôi"),
        help_text=_("Nhiệm vụ tôi chịu trách nhiệm hoặc phối hợp."),
    )

    class Meta:
        model = Task
        fields: list[str] = []

    def filter_month(self, queryset: QuerySet[Task], name: str, value: Any) -> QuerySet[Task]:
        return queryset  # the month picks the grid; the view reads the tasks of its dates

    def filter_mine(self, queryset: QuerySet[Task], name: str, value: bool) -> QuerySet[Task]:
        if not value:
            return queryset
        member_id = getattr(getattr(self.request, "user", None), "member_id", None)
        return queryset.for_member(member_id) if member_id else queryset.none()


def board_data(data: Any) -> Any:
    """The board opens on the work still to do: with no filter at all, status=open."""
    if data:
        return data
    opened = data.copy()
    opened["status"] = OPEN
    return opened
