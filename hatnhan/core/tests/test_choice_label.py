"""core.labels.choice_label (the `label` filter) gives what get_<field>_display() gives, for
every choice field of every model, every value, in both languages."""

import pytest
from django.apps import apps
from django.template import Context, Template
from django.utils import translation

from hatnhan.core.labels import choice_label

CHOICE_FIELDS = [
    (model, field)
    for model in apps.get_models()
    if model.__module__.startswith("hatnhan.")
    for field in model._meta.concrete_fields
    if field.choices
]


def test_there_are_choice_fields_to_check():
    assert len(CHOICE_FIELDS) > 20


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_label_is_the_display(language):
    with translation.override(language):
        for model, field in CHOICE_FIELDS:
            for value in [v for v, _label in field.flatchoices] + ["không-có-trong-danh-sách"]:
                obj = model(**{field.attname: value})
                display = getattr(obj, f"get_{field.name}_display")()
                assert choice_label(obj, field.name) == display, (model, field.name, value)


def test_the_filter_follows_the_reader_language():
    from hatnhan.members.models import Member, MemberStatus

    member = Member(status=MemberStatus.SUSPENDED)
    page = Template('{% load hatnhan %}{{ m|label:"status" }}')
    shown = {}
    for language in ("vi", "en"):
        with translation.override(language):
            shown[language] = page.render(Context({"m": member}))
            assert shown[language] == member.get_status_display()
    assert shown["vi"] != shown["en"]
