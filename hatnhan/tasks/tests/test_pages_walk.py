"""Every page URL of the task and directive apps that names an object answers 404 to a
user of another organization, for GET and POST (the project-wide walker does the same for
every app; this one runs in this branch on the pages of these two apps)."""

from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hatnhan.tasks.tests.url_objects import url_objects

pytestmark = [pytest.mark.django_db, pytest.mark.urls("hatnhan.tasks.tests.pages_urls")]


def _patterns(namespaces: set[str]):
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace in namespaces:
            for pattern in entry.url_patterns:
                if isinstance(pattern, URLPattern) and pattern.pattern.converters:
                    yield entry.namespace, pattern


def test_every_object_url_is_404_for_another_organization(client, tree, users, make_member):
    ids = url_objects(SimpleNamespace(tree=tree, users=users, make_member=make_member))
    client.force_login(users["other"])
    checked = 0
    for namespace, pattern in _patterns({"tasks", "directives", "task_files", "directive_files"}):
        kwargs = {name: ids[name] for name in pattern.pattern.converters}
        url = reverse(f"{namespace}:{pattern.name}", kwargs=kwargs)
        assert client.get(url).status_code == 404, url
        if namespace in {"tasks", "directives"}:
            assert client.post(url, {}).status_code == 404, url
        checked += 1
    assert checked >= 12
