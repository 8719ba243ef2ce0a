"""Every page URL of the foundation apps answers 404 to a user from another organization
(the SYT secretary asking for STC objects), GET and POST alike. The project-wide walker
does the same for every app; this one keeps these pages honest on their own."""

from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hatnhan.members.tests.url_objects import url_objects as member_objects
from hatnhan.organizations.tests.url_objects import url_objects as organization_objects

NAMESPACES = ("organizations", "members")


def _patterns():
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace in NAMESPACES:
            for pattern in entry.url_patterns:
                if isinstance(pattern, URLPattern):
                    yield entry.namespace, pattern


@pytest.mark.django_db
def test_every_page_with_an_object_is_404_outside_reach(client, tree, users, make_member):
    ctx = SimpleNamespace(tree=tree, users=users, make_member=make_member)
    objects = {**organization_objects(ctx), **member_objects(ctx)}
    client.force_login(users["other"])
    checked = 0
    for namespace, pattern in _patterns():
        kwargs = {name: objects[name] for name in pattern.pattern.converters}
        if not kwargs:
            continue
        url = reverse(f"{namespace}:{pattern.name}", kwargs=kwargs)
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (404, 405), url
        checked += 1
    assert checked >= 9
