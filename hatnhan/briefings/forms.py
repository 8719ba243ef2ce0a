"""Forms of the briefing pages: parsing and choices only; the services hold the rules and
their Vietnamese messages."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.forms import VietnameseForm
from hatnhan.core.restrict import CHANGE, VIEW
from hatnhan.meetings.models import Meeting
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization

from .models import BriefingDuty, Frequency
from .schedule import Period


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Member) -> str:
        return f"{obj.full_name} ({obj.organization.code})"


def _members(user: Any, organization: Organization | None = None) -> Any:
    qs = (
        Member.objects.restrict(user, VIEW)
        .filter(status=MemberStatus.ACTIVE)
        .select_related("organization")
    )
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    return qs


class DutyForm(VietnameseForm):
    organization = OrganizationChoiceField(queryset=Organization.objects.none(), label=_("Tổ chức"))
    head = MemberChoiceField(queryset=Member.objects.none(), label=_("Người đứng đầu cơ quan"))
    head_title = forms.CharField(
        label=_("Chức vụ của người đứng đầu"), max_length=150, required=False
    )
    frequency = forms.ChoiceField(choices=Frequency.choices, label=_("Định kỳ báo cáo"))
    due_days_after_period = forms.IntegerField(
        label=_("Hạn báo cáo (số ngày sau khi hết kỳ)"), min_value=0, max_value=90
    )
    starts_on = forms.DateField(label=_("Áp dụng từ ngày"))
    is_active = forms.BooleanField(label=_("Đang áp dụng"), required=False, initial=True)

    def __init__(
        self, *args: Any, user: Any, instance: BriefingDuty | None = None, **kwargs: Any
    ) -> None:
        from django.conf import settings

        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "head": instance.head_id,
                    "head_title": instance.head_title,
                    "frequency": instance.frequency,
                    "due_days_after_period": instance.due_days_after_period,
                    "starts_on": instance.starts_on,
                    "is_active": instance.is_active,
                },
            )
        else:
            kwargs.setdefault(
                "initial",
                {
                    "frequency": settings.BRIEFING_DEFAULT_FREQUENCY,
                    "due_days_after_period": settings.BRIEFING_DUE_DAYS_AFTER_PERIOD,
                    "starts_on": timezone.localdate().replace(month=1, day=1),
                    "is_active": True,
                },
            )
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is not None:
            del self.fields["organization"]
            self.fields["head"].queryset = _members(user, instance.organization)
        else:
            self.fields["organization"].queryset = Organization.objects.restrict(
                user, CHANGE
            ).filter(is_active=True, briefing_duty__isnull=True)
            self.fields["head"].queryset = _members(user)
            del self.fields["is_active"]


class BriefingContentForm(VietnameseForm):
    results = forms.CharField(
        label=_("Kết quả thực hiện nhiệm vụ chính trị"), widget=forms.Textarea(attrs={"rows": 5})
    )
    difficulties = forms.CharField(
        label=_("Khó khăn, vướng mắc"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    new_policies = forms.CharField(
        label=_("Chủ trương, chính sách, định hướng mới của cơ quan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposals = forms.CharField(
        label=_("Kiến nghị, đề xuất với cấp ủy"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FileBriefingForm(BriefingContentForm):
    period_start = forms.TypedChoiceField(label=_("Kỳ báo cáo"), coerce=dt.date.fromisoformat)
    field_order = ["period_start"]

    def __init__(self, *args: Any, periods: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_start"].choices = [
            (
                p.start.isoformat(),
                _("%(period)s (hạn %(due)s)") % {"period": p.label, "due": f"{p.due:%d/%m/%Y}"},
            )
            for p in periods
        ]
        if periods:
            self.initial.setdefault("period_start", periods[-1].start.isoformat())


class RequestForm(VietnameseForm):
    request_note = forms.CharField(
        label=_("Nội dung cấp ủy yêu cầu báo cáo"), widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(label=_("Hạn báo cáo"))


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        start = timezone.localtime(obj.planned_start)
        return (
            f"{start:%d/%m/%Y} — {obj.title or obj.get_kind_display()} ({obj.get_body_display()})"
        )


class AcknowledgeForm(VietnameseForm):
    acknowledged_on = forms.DateField(label=_("Ngày họp cấp ủy"))
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        label=_("Tại cuộc họp"),
        required=False,
        help_text=_("Cuộc họp đã ghi trong sổ sinh hoạt (nếu có)."),
    )
    acknowledgment_note = forms.CharField(
        label=_("Ý kiến thảo luận của cấp ủy"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    conclusions = forms.CharField(
        label=_("Kết luận của cấp ủy"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi kết luận một dòng; mỗi kết luận có thể giao thành một nhiệm vụ."),
    )

    def __init__(self, *args: Any, user: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.restrict(user, VIEW)
            .filter(organization=organization)
            .order_by("-planned_start")[:24]
        )

    def clean_conclusions(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["conclusions"].splitlines() if line.strip()
        ]


class ConclusionTaskForm(VietnameseForm):
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    owner = MemberChoiceField(queryset=Member.objects.none(), label=_("Người chịu trách nhiệm"))
    expected_result = forms.CharField(
        label=_("Kết quả cần đạt"), widget=forms.Textarea(attrs={"rows": 2})
    )
    due_date = forms.DateField(label=_("Hạn hoàn thành"))

    def __init__(self, *args: Any, user: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(user, organization)
