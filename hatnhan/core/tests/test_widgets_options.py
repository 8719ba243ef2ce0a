"""Options built in Python (core.widgets) render as Django's templates did: escaped, the
chosen one selected, the picker's search key on each."""

from django import forms

from hatnhan.core.widgets import PickerSelect, PickerSelectMultiple, Select


def test_options_are_escaped_and_the_chosen_one_selected():
    widget = Select(choices=[("", "Tất cả"), (1, 'Lê "Văn" <A>'), (2, "Nguyễn Thị B & C")])
    html = widget.render("assignee", 2, attrs={"id": "id_assignee"})
    assert html.startswith('<select name="assignee" id="id_assignee">')
    assert '<option value="1">Lê &quot;Văn&quot; &lt;A&gt;</option>' in html
    assert '<option value="2" selected>Nguyễn Thị B &amp; C</option>' in html
    assert '<option value="">Tất cả</option>' in html


def test_a_picker_carries_the_folded_search_key_and_several_can_be_chosen():
    html = PickerSelectMultiple(choices=[(1, "Nguyễn Quang Tùng"), (2, "Bình")]).render(
        "coworkers", [1, 2], attrs={"id": "id_coworkers"}
    )
    assert 'data-key="nguyen quang tung"' in html
    assert html.count(" selected") == 2 and "multiple" in html


def test_a_bound_form_field_renders_through_it():
    class Form(forms.Form):
        who = forms.ChoiceField(choices=[("a", "Ấn"), ("b", "Bảo")], widget=PickerSelect)

    html = str(Form({"who": "b"})["who"])
    assert '<option value="b" selected data-key="bao">Bảo</option>' in html
    assert 'data-picker-for="id_who"' in html


# The board's selects are drawn in Python (Select.render, DjangoSelect.render): the same bytes
# as the templates they replace, whatever the value, the labels and the attributes.
CASES = [
    ([("", "Tất cả"), (1, 'Lê "Văn" <A>'), (2, "Nguyễn & B")], 2, {"id": "id_x"}),
    ([("", "Tất cả"), ("a", "A"), ("a", "A again")], "a", {"id": "id_x", "required": True}),
    ([(None, "—"), ("open", "Đang mở")], None, {"class": "x", "disabled": False, "n": None}),
    ([("", "—"), (3, "Ba")], "", {"data-x": 'q"<'}),
]


def test_the_board_select_draws_the_bytes_of_its_template():
    from django.utils.translation import gettext_lazy

    for choices, value, attrs in [*CASES, ([(1, gettext_lazy("Tổ chức"))], 1, {})]:
        widget = Select(choices=choices)
        templated = super(Select, widget).render("x", value, attrs=attrs)
        assert widget.render("x", value, attrs=attrs) == templated


def test_django_select_draws_the_bytes_of_django_select():
    from hatnhan.core.widgets import DjangoSelect

    for choices, value, attrs in CASES:
        assert DjangoSelect(choices=choices).render("x", value, attrs=attrs) == forms.Select(
            choices=choices
        ).render("x", value, attrs=attrs)


def test_grouped_choices_fall_back_to_the_template():
    from hatnhan.core.widgets import DjangoSelect

    grouped = [("", "—"), ("Nhóm", [(1, "Một"), (2, "Hai")])]
    assert DjangoSelect(choices=grouped).render("g", 2) == forms.Select(choices=grouped).render(
        "g", 2
    )
    assert "<optgroup" in Select(choices=grouped).render("g", 2)


def test_the_quick_escape_is_conditional_escape():
    from django.utils.html import conditional_escape, format_html
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from hatnhan.core.escaping import escape_value, format_safe

    for value in ["a \"b\" <c> & 'd'", mark_safe("<i>x</i>"), gettext_lazy("Hạn"), 7, None, ""]:
        assert escape_value(value) == conditional_escape(value)
        assert format_safe("<p title='{}'>{}</p>", value, value) == format_html(
            "<p title='{}'>{}</p>", value, value
        )
