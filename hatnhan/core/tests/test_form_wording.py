"""One error style for every page form: a required field says «Chưa nhập “Tổ chức”.», set in
one place (core.forms.name_field through VietnameseForm), whichever app the form is in."""

import importlib

from django import forms
from django.apps import apps
from django.utils import translation

from hatnhan.core.forms import VietnameseForm


def page_forms() -> list[type[forms.Form]]:
    for config in apps.get_app_configs():
        if config.name.startswith("hatnhan."):
            for module in ("forms", "views"):
                try:
                    importlib.import_module(f"{config.name}.{module}")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.{module}":
                        raise
    found, todo = [], list(forms.Form.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("hatnhan.") and ".tests." not in cls.__module__:
            found.append(cls)
    return found


def test_every_form_with_a_required_field_words_its_errors_one_way():
    wrong = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in page_forms()
        if any(f.required for f in cls.base_fields.values()) and not issubclass(cls, VietnameseForm)
    ]
    assert wrong == [], "derive these from hatnhan.core.forms.VietnameseForm"
    assert len(page_forms()) >= 10


def test_the_required_message_names_the_field():
    class Sample(VietnameseForm):
        organization = forms.CharField(label="Tổ chức")

    with translation.override("vi"):  # whatever language an earlier request left active
        form = Sample(data={})
        assert form.errors["organization"] == ["Chưa nhập “Tổ chức”."]


def test_a_forms_own_empty_choice_is_kept():
    class Sample(VietnameseForm):
        status = forms.ChoiceField(label="Trạng thái", choices=[("", "Tất cả"), ("a", "A")])
        kind = forms.ChoiceField(label="Loại", choices=[("", "---------"), ("a", "A")])

    with translation.override("vi"):
        form = Sample()
        assert form.fields["status"].choices[0] == ("", "Tất cả")
        assert form.fields["kind"].choices[0] == ("", "— Chọn —")
