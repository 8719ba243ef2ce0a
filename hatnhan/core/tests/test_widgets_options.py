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
