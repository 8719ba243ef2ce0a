"""The board row's shortcuts (tasks.templatetags.task_pages) give what the Django calls they
replace give: escaping, dates, truncation, links and choice names, in both languages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from hatnhan.tasks.models import Outcome, Priority, Task, TaskStatus
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


def test_links_as_reverse():
    for pk in (1, 918273645, 5084):
        assert task_pages._url("tasks:detail", pk) == reverse("tasks:detail", args=[pk])
        assert task_pages._url("directives:focus-issue", pk) == reverse(
            "directives:focus-issue", args=[pk]
        )


@pytest.mark.parametrize("language", ["vi", "en"])
def test_choice_names_as_get_display(language):
    with translation.override(language):
        for status in TaskStatus.values:
            for priority in Priority.values:
                task = Task(status=status, priority=priority, outcome=Outcome.values[0])
                assert task_pages._display(task, "status") == task.get_status_display()
                assert task_pages._display(task, "priority") == task.get_priority_display()
                assert task_pages._display(task, "outcome") == task.get_outcome_display()
        odd = Task(status="not-a-status")
        assert task_pages._display(odd, "status") == odd.get_status_display()
