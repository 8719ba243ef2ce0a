"""core.paths.pk_path (the `pk_url` tag) gives what reverse() gives, under any script prefix."""

from django.template import Context, Template
from django.urls import clear_script_prefix, reverse, set_script_prefix

from hatnhan.core.paths import pk_path

VIEWS = ["tasks:detail", "directives:focus-issue", "members:detail", "organizations:detail"]


def test_links_as_reverse():
    for view in VIEWS:
        for pk in (1, 918273645, 5084):
            assert pk_path(view, pk) == reverse(view, args=[pk])


def test_a_script_prefix_is_followed():
    pk_path("members:detail", 7)  # reversed once without the prefix
    set_script_prefix("/hatnhan/")
    try:
        assert pk_path("members:detail", 7) == reverse("members:detail", args=[7])
        assert pk_path("members:detail", 7).startswith("/hatnhan/")
    finally:
        clear_script_prefix()
    assert pk_path("members:detail", 7) == reverse("members:detail", args=[7])


def test_the_tag_is_the_url_tag():
    page = Template(
        "{% load hatnhan %}{% pk_url 'members:detail' m %}|{% url 'members:detail' m %}"
    )
    mine, django = page.render(Context({"m": 42})).split("|")
    assert mine == django
