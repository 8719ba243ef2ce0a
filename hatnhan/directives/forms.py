"""Forms of the directive and resolution pages: parsing and choices only; the services
hold the rules and their Vietnamese messages."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.forms import DateInput, VietnameseForm
from hatnhan.core.restrict import CHANGE, VIEW
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization

from .models import Directive, DirectiveKind, FocusIssue, FocusLevel, ResolutionKind, YearTheme


class DirectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Directive) -> str:
        return f"{obj.number_symbol} — {obj.title[:90]}"


class FocusIssueChoiceField(forms.ModelChoiceField):
    """Focus issues labelled with the resolution that picked them (several resolutions name
    the same issue year after year); the queryset select_related("resolution")."""

    def label_from_instance(self, obj: FocusIssue) -> str:
        resolution = obj.resolution.number_symbol or obj.resolution.title[:60]
        return f"{obj.title} — {resolution}"


def _organizations(user: Any) -> Any:
    return Organization.objects.restrict(user, CHANGE).filter(is_active=True)


def _directives(user: Any) -> Any:
    return Directive.objects.restrict(user, VIEW).filter(is_active=True).order_by("-issued_on")


class DirectiveForm(VietnameseForm):
    organization = OrganizationChoiceField(
        label=_("Tổ chức ghi nhận"),
        queryset=Organization.objects.none(),
        help_text=_("Văn bản được ghi nhận ở tổ chức nào thì toàn bộ tổ chức cấp dưới cùng đọc."),
    )
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DirectiveKind.choices)
    number_symbol = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=64,
        help_text=_("Như trên văn bản, ví dụ 05-CT/TW, 26/CT-TTg, 01-NQ/ĐU."),
    )
    issuing_body = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    summary = forms.CharField(
        label=_("Nội dung chính"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    file = forms.FileField(
        label=_("Tệp văn bản"),
        required=False,
        help_text=_("PDF, Word, Excel hoặc ảnh; kiểm tra theo nội dung tệp."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _organizations(user)


class YearThemeForm(VietnameseForm):
    organization = OrganizationChoiceField(label=_("Tổ chức"), queryset=Organization.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=1930, max_value=2200)
    title = forms.CharField(label=_("Chủ đề"), max_length=500)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    directives = DirectiveChoiceField(
        label=_("Gắn với văn bản"), queryset=Directive.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _organizations(user)
        self.fields["directives"].queryset = _directives(user)
        self.fields["year"].initial = timezone.localdate().year


class ResolutionForm(VietnameseForm):
    organization = OrganizationChoiceField(label=_("Tổ chức"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=ResolutionKind.choices)
    number_symbol = forms.CharField(label=_("Số, ký hiệu"), max_length=64, required=False)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    adopted_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())
    period_start = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    period_end = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    content = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    year_theme = forms.ModelChoiceField(
        label=_("Chủ đề năm"),
        queryset=YearTheme.objects.none(),
        required=False,
        empty_label=_("— Không —"),
    )
    directives = DirectiveChoiceField(
        label=_("Thực hiện văn bản"), queryset=Directive.objects.none(), required=False
    )
    file = forms.FileField(label=_("Tệp nghị quyết"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = _organizations(user)
        self.fields["year_theme"].queryset = YearTheme.objects.restrict(user, VIEW)
        self.fields["directives"].queryset = _directives(user)


class FocusIssueForm(VietnameseForm):
    title = forms.CharField(label=_("Vấn đề"), max_length=500)
    level = forms.ChoiceField(label=_("Mức độ"), choices=FocusLevel.choices)
    description = forms.CharField(
        label=_("Mô tả, mục tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    directives = DirectiveChoiceField(
        label=_("Thực hiện văn bản"), queryset=Directive.objects.none(), required=False
    )
    year_theme = forms.ModelChoiceField(
        label=_("Chủ đề năm"),
        queryset=YearTheme.objects.none(),
        required=False,
        empty_label=_("— Không —"),
        help_text=_("Để trống: theo chủ đề năm của nghị quyết."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directives"].queryset = _directives(user)
        self.fields["year_theme"].queryset = YearTheme.objects.restrict(user, VIEW)
