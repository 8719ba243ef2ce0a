from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import (
    ModelChoiceIterator,
    ModelChoiceIteratorValue,
    fields_for_model,
    model_to_dict,
)
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hatnhan.core.forms import VietnameseForm, name_field
from hatnhan.core.restrict import CHANGE
from hatnhan.core.widgets import (
    PickerSelect,
    PickerSelectMultiple,
    Typed,
    typed_refusal,
)
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization, Term
from hatnhan.organizations.selectors import organization_choices

from .models import CommitteeSeat, Member, MemberStatus, SeatRole
from .services import MEMBER_FIELDS, SEAT_FIELDS


class MemberForm(VietnameseForm):
    """The member's profile; labels and choices come from the model so they never drift.
    On create the organization is chosen too (later moves go through a transfer)."""

    def __init__(
        self,
        *args: Any,
        user: Any,
        instance: Member | None = None,
        organization: Organization | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None:
            kwargs.setdefault("initial", model_to_dict(instance, fields=MEMBER_FIELDS))
        elif organization is not None:
            kwargs.setdefault("initial", {"organization": organization.pk})
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        if instance is None:
            fields["organization"] = OrganizationChoiceField(
                label=gettext_lazy("Chi bộ / tổ chức"),
                queryset=organization_choices(user, CHANGE),
            )
        fields.update(fields_for_model(Member, fields=MEMBER_FIELDS))
        fields["phone"].widget.input_type = "tel"
        for field in fields.values():
            name_field(field)
        self.fields.update(fields)

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Chưa nhập “Họ và tên”."))
        return name


class TransferForm(VietnameseForm):
    to_organization = OrganizationChoiceField(
        label=gettext_lazy("Chuyển đến tổ chức"), queryset=Organization.objects.none()
    )
    date = forms.DateField(label=gettext_lazy("Ngày chuyển"))
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args: Any, user: Any, member: Member, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = organization_choices(user, CHANGE).exclude(
            pk=member.organization_id
        )


def member_label(member: Member) -> str:
    """A member as a picker lists them: the name, then the organization by its name (the
    queryset select_related("organization"))."""
    return member_text(member.full_name, member.organization.name)


def member_text(full_name: str, organization_name: str) -> str:
    return f"{full_name} — {organization_name}"


class MemberChoiceIterator(ModelChoiceIterator):
    """The options read as the two columns their labels show, not as member instances: the
    owner and co-worker lists of a grassroots organization's new task were two hundred
    instances with their organizations (issue 13)."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, organization in self.queryset.values_list(
            "pk", "full_name", "organization__name"
        ):
            yield (ModelChoiceIteratorValue(pk, None), member_text(name, organization))


class SearchableMixin:
    """A member field whose list, past PICKER_MAX_OPTIONS, is searched as one types
    (members/picker.py names the sources): by default the active members in reach."""

    iterator = MemberChoiceIterator

    def __init__(self, *args: Any, source: str = "active", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.search(source)

    def search(self, source: str = "active", organization: Any = None) -> None:
        """Search `source`, inside `organization`'s subtree when given: what the form's
        queryset offers, so what is found is also what the form accepts."""
        pk = getattr(organization, "pk", organization)
        self.widget.search_from(  # type: ignore[attr-defined]
            reverse_lazy("members:pick", args=[source]), organization=pk
        )

    def label_from_instance(self, obj: Member) -> str:
        return member_label(obj)


class MemberChoiceField(SearchableMixin, forms.ModelChoiceField):
    """One member, picked by typing a name (core.widgets.PickerSelect)."""

    widget = PickerSelect

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", gettext_lazy("— Chọn đảng viên —"))
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, Typed):
            raise typed_error(self.queryset, value)
        return super().to_python(value)


class MemberMultipleChoiceField(SearchableMixin, forms.ModelMultipleChoiceField):
    widget = PickerSelectMultiple

    def clean(self, value: Any) -> Any:
        typed = getattr(self.widget, "typed", "")
        if typed:
            raise typed_error(self.queryset, Typed(typed))
        return super().clean(value)


def typed_error(queryset: Any, typed: "Typed") -> ValidationError:
    """Words typed in a long picker that named no single member: how many matched."""
    return typed_refusal(
        queryset,
        typed,
        none=gettext_lazy("Không tìm thấy đảng viên nào khớp “%(typed)s”."),
        many=gettext_lazy(
            "Có %(count)s đảng viên khớp “%(typed)s”: chọn một người trong danh sách."
        ),
    )


class SeatForm(VietnameseForm):
    """A committee seat of `organization`. On create the member is picked among the
    organization's own subtree (the service refuses anyone else)."""

    member = MemberChoiceField(label=gettext_lazy("Đảng viên"), queryset=Member.objects.none())
    role = forms.ChoiceField(label=gettext_lazy("Chức danh"), choices=SeatRole.choices)
    term = forms.ModelChoiceField(
        label=gettext_lazy("Nhiệm kỳ"), queryset=Term.objects.none(), required=False
    )
    is_agency_head = forms.BooleanField(
        label=gettext_lazy("Đồng thời là thủ trưởng cơ quan"),
        required=False,
        help_text=gettext_lazy(
            "Nhất thể hóa bí thư cấp ủy và người đứng đầu cơ quan (Nghị quyết 18-NQ/TW)."
        ),
    )
    start_date = forms.DateField(label=gettext_lazy("Từ ngày"), required=False)
    end_date = forms.DateField(
        label=gettext_lazy("Đến ngày"),
        required=False,
        help_text=gettext_lazy("Để trống khi đang giữ chức danh."),
    )

    def __init__(
        self,
        *args: Any,
        organization: Organization,
        instance: CommitteeSeat | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None:
            kwargs.setdefault("initial", model_to_dict(instance, fields=SEAT_FIELDS))
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(organization=organization)
        if instance is not None:
            del self.fields["member"]
        else:
            self.fields["member"].queryset = (
                Member.objects.filter(
                    organization__path__startswith=organization.path,
                    status=MemberStatus.ACTIVE,
                )
                .select_related("organization")
                .order_by("sort_key", "id")
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("“Đến ngày” phải sau “Từ ngày”."))
        return data
