"""The review's page forms: a round, the member's self-assessment (phone-friendly: plain
fields, one column), the committee's review, the meeting's view, the decision, a reopening."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.forms import VietnameseForm
from hatnhan.core.restrict import CHANGE
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization

from .models import Level, Rulebook, SelfForm, Subjects

LEVEL_CHOICES = [("", _("— theo đề xuất —")), *Level.choices]


class RoundForm(VietnameseForm):
    organization = OrganizationChoiceField(
        queryset=Organization.objects.none(), label=_("Tổ chức đảng")
    )
    title = forms.CharField(label=_("Tên đợt"), max_length=255, required=False)
    period_start = forms.DateField(label=_("Từ ngày"))
    period_end = forms.DateField(label=_("Đến ngày"))
    rulebook = forms.ModelChoiceField(
        queryset=Rulebook.objects.all(), label=_("Bộ quy định"), to_field_name="code"
    )
    subjects = forms.ChoiceField(choices=Subjects.choices, label=_("Đối tượng"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.restrict(user, CHANGE)
        year = timezone.localdate().year
        self.fields["period_start"].initial = f"01/01/{year}"
        self.fields["period_end"].initial = f"31/12/{year}"


class SelfAssessmentForm(VietnameseForm):
    self_form = forms.ChoiceField(choices=SelfForm.choices, label=_("Mẫu"), initial="2B")
    strengths = forms.CharField(label=_("Ưu điểm, kết quả đạt được"), widget=forms.Textarea)
    weaknesses = forms.CharField(
        label=_("Hạn chế, khuyết điểm"), widget=forms.Textarea, required=False
    )
    remedies = forms.CharField(
        label=_("Biện pháp khắc phục"), widget=forms.Textarea, required=False
    )
    general_score = forms.IntegerField(
        label=_("Tự chấm tiêu chí chung (0–30)"), min_value=0, max_value=30, required=False
    )
    level = forms.ChoiceField(choices=Level.choices, label=_("Tự xếp loại"), required=False)


class ReviewForm(VietnameseForm):
    general_score = forms.IntegerField(
        label=_("Điểm tiêu chí chung (0–30)"), min_value=0, max_value=30
    )
    proposed_level = forms.ChoiceField(
        choices=LEVEL_CHOICES, label=_("Cấp ủy đề xuất mức"), required=False
    )
    comment = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea, required=False)


class MeetingForm(VietnameseForm):
    level = forms.ChoiceField(choices=Level.choices, label=_("Hội nghị đề xuất mức"))
    note = forms.CharField(label=_("Ý kiến hội nghị"), widget=forms.Textarea, required=False)


class DecideForm(VietnameseForm):
    final_level = forms.ChoiceField(choices=Level.choices, label=_("Mức xếp loại"))
    reason = forms.CharField(
        label=_("Lý do (bắt buộc khi khác mức đề xuất từ dữ liệu)"),
        widget=forms.Textarea,
        required=False,
    )


class ReopenForm(VietnameseForm):
    reason = forms.CharField(label=_("Lý do mở lại"), widget=forms.Textarea)
