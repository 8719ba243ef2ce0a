"""Fixtures of the account administration's tests: an STC admin (a subtree's administrator),
signed-in clients with real sessions, and a recent re-authentication."""

import time

import pytest
from django.test import Client

from hatnhan.accounts.models import User
from hatnhan.accounts.reauth import CONFIRMED_AT
from hatnhan.accounts.services import create_user


@pytest.fixture
def stc_admin(tree, users) -> User:
    return create_user(
        actor=None,
        username="stc_admin",
        role="admin",
        organization=tree["stc"],
        password="demo",
        check_password=False,
    )


@pytest.fixture
def signed_in():
    """signed_in(user, confirmed=False): a client with a real database session for `user`;
    `confirmed` as if they had just confirmed their password."""

    def make(user: User, *, confirmed: bool = False) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="vi")
        client.force_login(user)
        if confirmed:
            session = client.session
            session[CONFIRMED_AT] = int(time.time())
            session.save()
        return client

    return make
