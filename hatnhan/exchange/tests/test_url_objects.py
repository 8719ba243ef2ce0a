"""The every-URL walker's contract for this app: each URL kwarg has an object in the STC
subtree, and the SYT secretary gets 404 for every such page."""

import types

import pytest
from django.urls import get_resolver, reverse

from .url_objects import url_objects

pytestmark = [pytest.mark.django_db, pytest.mark.urls("hatnhan.exchange.tests.urls")]


def test_every_exchange_url_kwarg_is_covered_and_restricted(
    client, tree, users, make_member, media
):
    ctx = types.SimpleNamespace(tree=tree, users=users, make_member=make_member)
    objects = url_objects(ctx)
    resolver = get_resolver()
    exchange = resolver.namespace_dict["exchange"][1]
    client.force_login(users["other"])
    checked = 0
    for pattern in exchange.url_patterns:
        kwargs = list(pattern.pattern.converters)
        if not kwargs:
            continue
        assert all(k in objects for k in kwargs), (pattern.name, kwargs)
        url = reverse(f"exchange:{pattern.name}", kwargs={k: objects[k] for k in kwargs})
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
        checked += 1
    assert checked == 4
    # The owner's colleague reaches the same pages (GET on a POST-only page: 405, not 404).
    client.force_login(users["secretary"])
    assert (
        client.get(reverse("exchange:batch", kwargs={"batch_id": objects["batch_id"]})).status_code
        == 200
    )
    assert (
        client.get(
            reverse("exchange:batch-confirm", kwargs={"batch_id": objects["batch_id"]})
        ).status_code
        == 405
    )
