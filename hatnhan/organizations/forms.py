from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hatnhan.core.forms import VietnameseForm, name_field
from hatnhan.core.restrict import CHANGE
from hatnhan.core.widgets import PickerSelect

from .models import Organization, OrganizationKind, Term
from .selectors import organization_choices


class OrganizationChoiceField(forms.ModelChoiceField):
    """Organizations shown as an indented tree, so a long list still reads as the tree, and
    found by typing their name or code (core.widgets.PickerSelect)."""

    widget = PickerSelect

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", gettext_lazy("— Chọn tổ chức —"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Organization) -> str:
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class OrganizationForm(VietnameseForm):
    code = forms.CharField(label=gettext_lazy("Mã"), max_length=32)
    name = forms.CharField(label=gettext_lazy("Tên tổ chức"), max_length=255)
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=OrganizationKind.choices)
    agency_name = forms.CharField(
        label=gettext_lazy("Cơ quan, đơn vị lãnh đạo"), max_length=255, required=False
    )
    is_active = forms.BooleanField(
        label=gettext_lazy("Đang hoạt động"), required=False, initial=True
    )

    def __init__(
        self, *args: Any, user: Any, instance: Organization | None = None, **kwargs: Any
    ) -> None:
        self.instance = instance
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "code": instance.code,
                    "name": instance.name,
                    "kind": instance.kind,
                    "agency_name": instance.agency_name,
                    "is_active": instance.is_active,
                    "parent": instance.parent_id,
                },
            )
        super().__init__(*args, **kwargs)
        if instance is not None and instance.parent_id is not None:
            # Moving: any organization the user may change, except this one's own subtree.
            # The current parent stays selectable even when it is above the user's reach
            # (a secretary renaming their own organization keeps it where it is).
            choices = organization_choices(user, CHANGE) | Organization.objects.filter(
                pk=instance.parent_id
            )
            field = OrganizationChoiceField(
                label=gettext_lazy("Tổ chức cấp trên"),
                queryset=choices.exclude(path__startswith=instance.path).order_by("path"),
            )
            self.fields["parent"] = field
            name_field(field)

    def clean_code(self) -> str:
        code = " ".join(self.cleaned_data["code"].split()).upper()
        clash = Organization.objects.filter(code=code)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Mã “%(code)s” đã được dùng.") % {"code": code})
        return code


class TermForm(VietnameseForm):
    name = forms.CharField(
        label=gettext_lazy("Nhiệm kỳ"), max_length=64, help_text=gettext_lazy("Ví dụ: 2025–2030")
    )
    start_date = forms.DateField(label=gettext_lazy("Từ ngày"))
    end_date = forms.DateField(label=gettext_lazy("Đến ngày"), required=False)

    # The name and date rules are the service's (create_term / update_term): write_form
    # puts its messages on these fields.

    @classmethod
    def initial_for(cls, term: Term) -> dict[str, Any]:
        return {"name": term.name, "start_date": term.start_date, "end_date": term.end_date}


class HolidayForm(VietnameseForm):
    date = forms.DateField(label=gettext_lazy("Ngày"))
    name = forms.CharField(
        label=gettext_lazy("Tên ngày nghỉ"),
        max_length=128,
        help_text=gettext_lazy("Ví dụ: Tết Nguyên đán (mùng 1), Nghỉ bù Quốc khánh"),
    )
    # The one-date rule is the service's (add_holiday / change_holiday): write_form puts its
    # message on the date field.
