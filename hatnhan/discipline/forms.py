"""Forms of the discipline pages: parsing and choices only; the services hold the rules and
their Vietnamese messages (a form not allowed for the subject, a body without competence)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hatnhan.core.forms import VietnameseForm
from hatnhan.core.restrict import DISCIPLINE, VIEW
from hatnhan.inspections.models import Case
from hatnhan.members.forms import MemberChoiceField
from hatnhan.members.models import CommitteeSeat, Member, MemberStatus
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization

from .models import CorrectionKind, DisciplineForm, StateDisciplineForm


def deciding_bodies(user: Any) -> Any:
    return Organization.objects.restrict(user, DISCIPLINE).filter(is_active=True)


class SeatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CommitteeSeat) -> str:
        return f"{obj.member.full_name}: {obj.get_role_display()} — {obj.organization.name}"


class DecisionForm(VietnameseForm):
    number = forms.CharField(
        label=_("Số, ký hiệu"), max_length=64, help_text=_("Ví dụ 05-QĐ/UBKT.")
    )
    decided_on = forms.DateField(label=_("Ngày quyết định"))
    deciding_body = OrganizationChoiceField(
        label=_("Cơ quan quyết định"), queryset=Organization.objects.none()
    )
    member = MemberChoiceField(
        label=_("Đảng viên bị kỷ luật"), queryset=Member.objects.none(), required=False
    )
    organization = OrganizationChoiceField(
        label=_("hoặc tổ chức bị kỷ luật"), queryset=Organization.objects.none(), required=False
    )
    form = forms.ChoiceField(
        label=_("Hình thức kỷ luật"),
        choices=DisciplineForm.choices,
        help_text=_(
            "Tổ chức: khiển trách, cảnh cáo, giải tán; đảng viên chính thức: khiển trách, cảnh "
            "cáo, cách chức, khai trừ; đảng viên dự bị: khiển trách, cảnh cáo (Quy định "
            "69-QĐ/TW, Điều 7)."
        ),
    )
    seat = SeatChoiceField(
        label=_("Chức vụ bị cách"),
        queryset=CommitteeSeat.objects.none(),
        required=False,
        help_text=_("Khi cách chức một đảng viên giữ nhiều chức vụ."),
    )
    reason = forms.CharField(label=_("Lý do, vi phạm"), widget=forms.Textarea(attrs={"rows": 4}))
    effective_on = forms.DateField(
        label=_("Ngày có hiệu lực"), required=False, help_text=_("Để trống: ngày quyết định.")
    )
    self_reported = forms.BooleanField(
        label=_("Đảng viên tự phát hiện, tự báo cáo vi phạm"),
        required=False,
        help_text=_("Quy định 124-QĐ/TW, Điều 12 đọc thông tin này khi xếp loại."),
    )
    case = forms.ModelChoiceField(
        label=_("Cuộc kiểm tra, giám sát"), queryset=Case.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = Case.objects.restrict(user, VIEW).order_by("-pk")
        bodies = deciding_bodies(user)
        self.fields["deciding_body"].queryset = bodies
        self.fields["member"].queryset = (
            Member.objects.restrict(user, VIEW)
            .filter(status__in=(MemberStatus.ACTIVE, MemberStatus.SUSPENDED, MemberStatus.EXEMPT))
            .select_related("organization")
            .order_by("sort_key", "id")
        )
        self.fields["organization"].queryset = Organization.objects.restrict(user, VIEW).filter(
            is_active=True
        )
        self.fields["seat"].queryset = (
            CommitteeSeat.objects.restrict(user, VIEW)
            .filter(end_date__isnull=True)
            .select_related("member", "organization")
            .order_by("member__sort_key", "pk")
        )


class CorrectionForm(VietnameseForm):
    kind = forms.ChoiceField(label=_("Loại quyết định"), choices=CorrectionKind.choices)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=64)
    decided_on = forms.DateField(label=_("Ngày quyết định"))
    deciding_body = OrganizationChoiceField(
        label=_("Cơ quan quyết định"), queryset=Organization.objects.none()
    )
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))
    form = forms.ChoiceField(
        label=_("Hình thức kỷ luật mới"),
        choices=[("", _("— Giữ nguyên —")), *DisciplineForm.choices],
        required=False,
    )
    decision_reason = forms.CharField(
        label=_("Lý do, vi phạm (sửa đổi)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Để trống: giữ nguyên."),
    )
    effective_on = forms.DateField(
        label=_("Ngày có hiệu lực mới"), required=False, help_text=_("Để trống: giữ nguyên.")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deciding_body"].queryset = deciding_bodies(user)

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        values = {k: data[k] for k in ("kind", "number", "decided_on", "deciding_body", "reason")}
        if data["kind"] == "amendment":
            if data.get("form"):
                values["form"] = data["form"]
            if data.get("decision_reason"):
                values["decision_reason"] = data["decision_reason"]
            if data.get("effective_on"):
                values["effective_on"] = data["effective_on"]
        return values


class StateDisciplineCreateForm(VietnameseForm):
    member = MemberChoiceField(label=_("Đảng viên"), queryset=Member.objects.none())
    state_body = forms.CharField(label=_("Cơ quan nhà nước quyết định"), max_length=255)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=64)
    decided_on = forms.DateField(label=_("Ngày quyết định"))
    form = forms.ChoiceField(label=_("Hình thức kỷ luật"), choices=StateDisciplineForm.choices)
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    notified_on = forms.DateField(
        label=_("Ngày thông báo cho tổ chức đảng"),
        required=False,
        help_text=_("Để trống khi chưa nhận được thông báo."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (
            Member.objects.restrict(user, DISCIPLINE)
            .select_related("organization")
            .order_by("sort_key", "id")
        )


class StateNoticeForm(VietnameseForm):
    notified_on = forms.DateField(label=_("Ngày thông báo cho tổ chức đảng"))
