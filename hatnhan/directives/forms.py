"""Forms of the directive and resolution pages: parsing and choices only; the services
hold the rules and their Vietnamese messages."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import Model, Q, QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.forms import DateInput, VietnameseForm
from hatnhan.core.restrict import CHANGE, VIEW
from hatnhan.core.widgets import PickerSelect, Typed, typed_refusal
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization

from .models import Directive, DirectiveKind, FocusIssue, FocusLevel, ResolutionKind, YearTheme


def directive_label(directive: Directive) -> str:
    """A directive as it is cited: number and symbol, then its title."""
    return f"{directive.number_symbol} — {directive.title[:90]}"


def focus_issue_label(issue: FocusIssue) -> str:
    """A focus issue with the resolution that picked it (number and symbol, title): the same
    wording ("Chấn chỉnh giờ giấc") recurs in one resolution after another. Read with
    select_related("resolution")."""
    resolution = issue.resolution
    return focus_issue_text(issue.title, resolution.number_symbol, resolution.title)


def focus_issue_text(title: str, number_symbol: str, resolution_title: str) -> str:
    """:func:`focus_issue_label` from the three columns it shows (a list read with
    values_list builds no instances)."""
    cited = " ".join(part for part in (number_symbol, resolution_title[:60]) if part)
    return f"{title[:90]} ({cited})"


class DirectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Directive) -> str:
        return directive_label(obj)


class OneDirectiveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Directive) -> str:
        return directive_label(obj)


class FocusIssueChoiceIterator(ModelChoiceIterator):
    """The options read as the three columns their labels show: a bloc's thousand focus
    issues were two thousand model instances per form (bloc staff's new task, issue 13)."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list(
            "pk", "title", "resolution__number_symbol", "resolution__title"
        )
        for pk, title, number_symbol, resolution_title in rows:
            yield (
                ModelChoiceIteratorValue(pk, None),
                focus_issue_text(title, number_symbol, resolution_title),
            )


class FocusIssueChoiceField(forms.ModelChoiceField):
    """Choose a focus issue; give it a queryset with select_related("resolution"). A bloc
    holds a thousand of them: past PICKER_MAX_OPTIONS the picker is a search box
    (:meth:`search`), and a short list is rendered once, in Python (core.widgets)."""

    widget = PickerSelect
    iterator = FocusIssueChoiceIterator

    def search(self, organization: Any = None) -> None:
        """Search what a task of `organization` may serve (directives:focus-issue-pick): the
        queryset the form gives this field must be the same."""
        self.widget.search_from(  # type: ignore[attr-defined]
            reverse_lazy("directives:focus-issue-pick"),
            organization=getattr(organization, "pk", organization),
        )

    def to_python(self, value: Any) -> Any:
        if isinstance(value, Typed):
            raise typed_refusal(
                self.queryset,
                value,
                none=_("Không tìm thấy vấn đề trọng tâm nào khớp “%(typed)s”."),
                many=_("Có %(count)s vấn đề trọng tâm khớp “%(typed)s”: chọn một trong danh sách."),
            )
        return super().to_python(value)

    def label_from_instance(self, obj: FocusIssue) -> str:
        return focus_issue_label(obj)


def initial_from(instance: Model, form_class: type[forms.Form]) -> dict[str, Any]:
    """An edit form's initial values, read from the record: related objects as their ids."""
    initial: dict[str, Any] = {}
    for name in form_class.base_fields:
        if name == "directives":
            initial[name] = [d.pk for d in instance.directives.all()]  # type: ignore[attr-defined]
        elif hasattr(instance, f"{name}_id"):
            initial[name] = getattr(instance, f"{name}_id")
        elif name in {f.name for f in instance._meta.concrete_fields} and name != "file":
            initial[name] = getattr(instance, name)
    return initial


def _organizations(user: Any) -> Any:
    return Organization.objects.restrict(user, CHANGE).filter(is_active=True)


def _directives(user: Any, cited: Model | None = None) -> QuerySet[Directive]:
    """Directives in force, and on an edit those the record already cites (one no longer in
    force stays chosen rather than turning the form invalid)."""
    wanted = Q(is_active=True)
    if cited is not None and cited.pk:
        wanted |= Q(pk__in=cited.directives.values("pk"))  # type: ignore[attr-defined]
    return Directive.objects.restrict(user, VIEW).filter(wanted).order_by("-issued_on")


class EditableForm(VietnameseForm):
    """A create form that also corrects a record (`instance`): filled from it, without the
    fields a correction never changes (where it was recorded), and with its document
    replaced or removed when it has one."""

    FIXED_ON_EDIT: tuple[str, ...] = ("organization",)

    def __init__(self, *args: Any, instance: Model | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", initial_from(instance, type(self)))
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is None:
            return
        for name in self.FIXED_ON_EDIT:
            self.fields.pop(name, None)
        if "file" in self.fields and getattr(instance, "file", None):
            self.fields["file"].label = _("Thay tệp")
            self.fields["file"].help_text = _("Hiện có: %(name)s. Chọn tệp mới để thay.") % {
                "name": instance.file_name  # type: ignore[attr-defined]
            }
            self.fields["remove_file"] = forms.BooleanField(
                label=_("Bỏ tệp hiện có"), required=False
            )

    def clean(self) -> dict[str, Any]:
        # The cleaned data are the service's keywords: no file chosen is "keep the one there".
        data = super().clean() or {}
        if "file" in data and data["file"] is None:
            del data["file"]
        return data


class DirectiveForm(EditableForm):
    organization = OrganizationChoiceField(
        label=_("Tổ chức ghi nhận"),
        queryset=Organization.objects.none(),
        empty_label=_("— Chọn tổ chức —"),
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
    is_active = forms.BooleanField(label=_("Còn hiệu lực"), required=False, initial=True)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "organization" in self.fields:
            self.fields["organization"].queryset = _organizations(user)
        if self.instance is None:
            del self.fields["is_active"]  # a directive is recorded in force


class YearThemeForm(EditableForm):
    organization = OrganizationChoiceField(
        label=_("Tổ chức"), queryset=Organization.objects.none(), empty_label=_("— Chọn tổ chức —")
    )
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
        if "organization" in self.fields:
            self.fields["organization"].queryset = _organizations(user)
        self.fields["directives"].queryset = _directives(user, self.instance)
        self.fields["year"].initial = timezone.localdate().year


class ResolutionForm(EditableForm):
    organization = OrganizationChoiceField(
        label=_("Tổ chức"), queryset=Organization.objects.none(), empty_label=_("— Chọn tổ chức —")
    )
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
        if "organization" in self.fields:
            self.fields["organization"].queryset = _organizations(user)
        self.fields["year_theme"].queryset = YearTheme.objects.restrict(user, VIEW)
        self.fields["directives"].queryset = _directives(user, self.instance)


class FocusIssueForm(EditableForm):
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
    position = forms.IntegerField(
        label=_("Thứ tự"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Để trống: xếp sau các vấn đề đã có."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["directives"].queryset = _directives(user, self.instance)
        self.fields["year_theme"].queryset = YearTheme.objects.restrict(user, VIEW)
        if self.instance is not None:
            # A correction says what it is: an empty theme is none, the place is kept.
            self.fields["year_theme"].help_text = ""
            self.fields["position"].required = True
            self.fields["position"].help_text = ""
