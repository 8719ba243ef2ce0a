"""The board row's shortcuts (tasks.templatetags.task_pages) give what the Django calls they
replace give: escaping, dates, truncation, links and choice names, in both languages."""

import datetime as dt

from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from hatnhan.tasks.templatetags import task_pages


def test_fmt_escapes_as_format_html():
    values = [
        'Lê "Văn" <A> & B',
        mark_safe("<b>kept</b>"),
        gettext_lazy("Hạn"),
        42,
        "",
        "it's",
        SafeString("a &amp; b"),
    ]
    for value in values:
        template = '<td title="{}">{}</td>'
        assert task_pages._fmt(template, value, value) == format_html(template, value, value)
        assert isinstance(task_pages._fmt(template, value, value), SafeString)


def test_dates_as_the_date_filter():
    moments = [
        dt.date(2026, 1, 5),
        dt.date(999, 12, 31),
        dt.datetime(2026, 3, 31, 18, 30, tzinfo=dt.UTC),  # already 1 April in Hà Nội
        timezone.now(),
        None,
    ]
    for value in moments:
        expected = dateformat.format(timezone.template_localtime(value), "d/m/Y") if value else ""
        assert task_pages._d(value) == expected


def test_truncation_as_truncator():
    for text in ["", "một", "a  b\nc", " ".join(f"từ{i}" for i in range(12)), "x …"]:
        for length in (8, 10):
            assert task_pages._truncate_words(text, length) == Truncator(text).words(
                length, truncate=" …"
            )
