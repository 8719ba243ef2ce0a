"""The main menu is drawn once per key (core.templatetags.hatnhan.main_nav) and is then the
same HTML a fresh include of core/_nav.html gives, for each account and page."""

import pytest
from django.template import engines
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from hatnhan.core.templatetags import hatnhan as tags

pytestmark = [pytest.mark.django_db]


def _fresh(user, path: str, unread: int) -> str:
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    return get_template("core/_nav.html").render({"unread": unread, "user": user}, request)


def _cached(user, path: str, unread: int) -> str:
    request = RequestFactory().get(path)
    request.user = user
    request.resolver_match = resolve(path)
    template = engines["django"].from_string("{% load hatnhan %}{% main_nav %}")
    return template.render({"unread": unread, "user": user}, request)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_kept_menu_is_the_fresh_one(users, language):
    tags._nav_cache.clear()
    with translation.override(language):
        seen = set()
        for _round in range(2):  # drawn, then from the cache
            for role in ("member", "secretary", "staff", "admin", "inspector"):
                for path, unread in (("/tasks/board/", 0), ("/tasks/board/", 3), ("/", 0)):
                    user = users[role]
                    cached = _cached(user, path, unread)
                    assert cached == _fresh(user, path, unread), (role, path, unread)
                    seen.add(cached)
    # Different rights, pages and counts make different menus, each kept apart.
    assert len(seen) > 5
    assert len(tags._nav_cache) >= len(seen)


def test_the_menu_marks_the_current_page_and_the_unread_count(users):
    tags._nav_cache.clear()
    board = _cached(users["staff"], "/tasks/board/", 2)
    home = _cached(users["staff"], "/", 0)
    assert 'href="/tasks/board/" aria-current="page"' in board
    assert 'aria-current="page"' not in board.split("/tasks/board/")[0]
    assert "nav-count" in board and "nav-count" not in home
