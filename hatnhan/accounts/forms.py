"""The account administration's forms, the password pages' and the re-authentication's."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hatnhan.core.forms import VietnameseForm, name_field
from hatnhan.core.restrict import MANAGE
from hatnhan.core.widgets import PickerSelect
from hatnhan.members.models import Member
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.selectors import organization_choices

from . import mfa, reauth, selectors
from .models import RoleName


class MemberChoiceField(forms.ModelChoiceField):
    """A member found by typing their name or party card number (the picker's search key is
    the option's label), never by an id typed by hand."""

    widget = PickerSelect

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", gettext_lazy("— Chọn đảng viên —"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Member) -> str:
        card = f" · {obj.party_card_number}" if obj.party_card_number else ""
        return f"{obj.full_name}{card} — {obj.organization.name}"


class RoleFields(VietnameseForm):
    """A role in an organization of the administrator's reach."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = forms.ChoiceField(
            label=gettext_lazy("Vai trò"), choices=[("", _("— Chọn —")), *RoleName.choices]
        )
        self.fields["organization"] = OrganizationChoiceField(
            label=gettext_lazy("Ở tổ chức"), queryset=organization_choices(user, MANAGE)
        )
        for name in ("role", "organization"):
            name_field(self.fields[name])


class AccountCreateForm(RoleFields):
    member = MemberChoiceField(label=gettext_lazy("Đảng viên"), queryset=Member.objects.none())
    username = forms.CharField(
        label=gettext_lazy("Tên đăng nhập"),
        max_length=150,
        help_text=gettext_lazy("Ví dụ: stc.nguyenvanan. Chữ không dấu, số và . _ -"),
    )

    field_order = ["member", "username", "role", "organization"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["member"].queryset = selectors.members_without_account(user)
        self.order_fields(self.field_order)


class ConfirmIdentityForm(VietnameseForm):
    """ "Confirm your password" before a sensitive change. The check is
    :func:`hatnhan.accounts.reauth.confirm_identity`; a second factor adds its field here."""

    password = forms.CharField(
        label=gettext_lazy("Mật khẩu của đồng chí"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        strip=False,
    )

    def __init__(self, *args: Any, request: Any, **kwargs: Any) -> None:
        self.request = request
        super().__init__(*args, **kwargs)
        if mfa.has_device(request.user):
            self.fields["otp"] = forms.CharField(
                label=gettext_lazy("Mã xác thực hai lớp"),
                max_length=32,
                required=False,
                help_text=gettext_lazy("6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục."),
                widget=forms.TextInput(
                    attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
                ),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "password" in data:
            factors = {k: v for k, v in data.items() if k != "password"}
            refusal = reauth.confirm_identity(
                self.request, self.request.user, password=data["password"], **factors
            )
            if refusal:
                raise forms.ValidationError(refusal)
        return data


class CodeForm(VietnameseForm):
    """The second step: the authenticator's code, or a recovery code."""

    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=32,
        help_text=gettext_lazy("6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "autocapitalize": "none",
            }
        ),
    )


class PasswordChangeForm(VietnameseForm):
    old_password = forms.CharField(
        label=gettext_lazy("Mật khẩu hiện tại"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        strip=False,
    )
    new_password = forms.CharField(
        label=gettext_lazy("Mật khẩu mới"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=gettext_lazy("Ít nhất 8 ký tự, không phải mật khẩu phổ biến, không chỉ số."),
    )
    new_password_again = forms.CharField(
        label=gettext_lazy("Nhập lại mật khẩu mới"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("new_password")
            and data.get("new_password_again")
            and data["new_password"] != data["new_password_again"]
        ):
            self.add_error("new_password_again", _("Hai lần nhập mật khẩu mới không khớp."))
        return data
