from types import SimpleNamespace

from django.template import Context, Template

from hatnhan.core.people import person_name


def test_a_linked_account_is_named_by_its_member():
    user = SimpleNamespace(
        member=SimpleNamespace(full_name="Cao Thị Bình"), get_username=lambda: "stc.bithu"
    )
    assert person_name(user) == "Cao Thị Bình"


def test_an_account_without_member_is_named_by_its_login():
    user = SimpleNamespace(member=None, get_username=lambda: "admin")
    assert person_name(user) == "admin"
    assert person_name(None) == ""


def test_the_template_filter_names_the_same_way():
    user = SimpleNamespace(
        member=SimpleNamespace(full_name="Cao Thị Bình"), get_username=lambda: "x"
    )
    out = Template("{% load hatnhan %}{{ u|person }}").render(Context({"u": user}))
    assert out == "Cao Thị Bình"
