"""The menu's citizens' reports entry: the board for those whose roles handle reports, the
identity requests for a custodian, nothing for a member (the board would be empty to them)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _menu(client, user) -> str:
    client.force_login(user)
    page = client.get(reverse("tasks:notifications")).content.decode()
    return page.split('class="mainnav"', 1)[1].split("</nav>", 1)[0]


def test_a_handler_finds_the_board(client, users):
    assert f'href="{reverse("feedback:board")}"' in _menu(client, users["secretary"])


def test_a_custodian_finds_the_identity_requests(client, custodian):
    menu = _menu(client, custodian)
    assert f'href="{reverse("feedback:custody")}"' in menu
    assert f'href="{reverse("feedback:board")}"' not in menu


def test_a_member_has_no_entry(client, users):
    menu = _menu(client, users["member"])
    assert "/feedback/" not in menu
