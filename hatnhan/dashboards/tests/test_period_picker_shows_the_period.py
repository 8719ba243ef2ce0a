"""The period picker says what the page shows: the year when none was given, a range widened
to its whole months, what was typed (with its error) when it was invalid; each field carries
the kinds it belongs to, so that a phone shows the chosen kind's fields only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hatnhan.dashboards.periods import parse

TODAY = dt.date(2026, 8, 14)


def _value(form, name):
    return form[name].value()


def test_no_parameters_show_the_current_year():
    _period, form = parse({}, TODAY)
    assert (_value(form, "period"), _value(form, "year")) == ("year", "2026")


def test_a_range_shows_its_whole_months():
    _period, form = parse({"period": "range", "start": "10/03/2026", "end": "02/05/2026"}, TODAY)
    assert (_value(form, "start"), _value(form, "end")) == ("01/03/2026", "31/05/2026")


def test_an_invalid_choice_keeps_what_was_typed_and_its_error():
    period, form = parse({"period": "quarter", "year": "2025"}, TODAY)
    assert period.label == "Năm 2026"
    assert _value(form, "year") == "2025"
    assert form.errors["quarter"]


@pytest.mark.django_db
def test_the_page_marks_each_field_with_its_kinds(client, users):
    client.force_login(users["staff"])
    html = client.get(reverse("dashboards:bloc")).content.decode()
    assert 'class="filters period-form"' in html
    assert f'name="year" value="{timezone.localdate().year}"' in html
    for name, kinds in [
        ("year", "year quarter"),
        ("quarter", "quarter"),
        ("month", "month"),
        ("start", "range"),
        ("end", "range"),
    ]:
        assert f'data-kinds="{kinds}"><label for="id_{name}"' in html
