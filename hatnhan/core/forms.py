"""What every page form shares: messages that name the field (Vietnamese source text),
dd/mm/yyyy date inputs, and mapping a service's ValidationError back onto the form."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields import BLANK_CHOICE_DASH
from django.http import HttpRequest
from django.utils.translation import gettext as _

from hatnhan.core.security_log import log_security_event


class DateInput(forms.DateInput):
    """dd/mm/yyyy as Vietnamese write it, whatever the browser's own locale (a native date
    picker would show mm/dd/yyyy on an English-set phone); digits keypad on phones.
    ISO dates are accepted too (settings.DATE_INPUT_FORMATS)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format="%d/%m/%Y")


# Django's label for "no choice" in a select.
DJANGO_BLANK = BLANK_CHOICE_DASH[0][1]


class VietnameseForm(forms.Form):
    """Required/invalid messages that say which field is wrong, in the user's language.
    Every page form derives from it, so every form words its errors one way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            name_field(field)


def name_field(field: forms.Field) -> None:
    label = str(field.label or "")
    field.error_messages["required"] = _("Chưa nhập “%(field)s”.") % {"field": label}
    if isinstance(field, forms.DateField):
        field.widget = DateInput(attrs=field.widget.attrs)
        field.error_messages["invalid"] = _("“%(field)s” không phải ngày hợp lệ (dd/mm/yyyy).") % {
            "field": label
        }
    # Only Django's own "---------" is replaced: a form's "Tất cả" or "— Không —" stays.
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = _("— Chọn —")
    elif isinstance(field, forms.ChoiceField):
        field.choices = [
            ("", _("— Chọn —")) if value == "" and text == DJANGO_BLANK else (value, text)
            for value, text in field.choices
        ]
    if isinstance(field, forms.ModelChoiceField | forms.ChoiceField):
        field.error_messages["invalid_choice"] = _(
            "“%(field)s”: lựa chọn không hợp lệ hoặc ngoài phạm vi của đồng chí."
        ) % {"field": label}
    if isinstance(field, forms.EmailField):
        field.error_messages["invalid"] = _("“%(field)s” không phải địa chỉ thư hợp lệ.") % {
            "field": label
        }
    if isinstance(field, forms.CharField) and field.max_length:
        field.error_messages["max_length"] = _("“%(field)s” dài quá %(limit)d ký tự.") % {
            "field": label,
            "limit": field.max_length,
        }


def add_service_errors(form: forms.Form, exc: ValidationError | PermissionDenied) -> None:
    """Put a service's errors on the fields they name; anything else (constraints across
    fields, fields this form does not show or keeps hidden, a refusal) above the form.
    Services already word their messages in Vietnamese naming the field."""
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc))
        return
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for field, errors in exc.error_dict.items():
        messages = [m for e in errors for m in e.messages]
        if field in form.fields and not form.fields[field].widget.is_hidden:
            for message in messages:
                form.add_error(field, message)
        else:
            for message in messages:
                form.add_error(None, message)


@dataclass(frozen=True)
class Wrote[T]:
    """What a service returned for a form page that wrote (truthy even when that is None)."""

    result: T


def write_form[T](
    request: HttpRequest, form: forms.Form, write: Callable[[dict[str, Any]], T]
) -> Wrote[T] | None:
    """A form page's write step: for a valid POST, `write(cleaned_data)` through the service.

    None when nothing was written: not a POST, invalid input, or a service's errors or refusal,
    which are then on the form for the view to render again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return Wrote(write(form.cleaned_data))
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, PermissionDenied):
            # Shown on the form rather than as a 403 page, and logged like one.
            log_security_event("authorization.refused", request, reason=str(exc))
        add_service_errors(form, exc)
        return None
