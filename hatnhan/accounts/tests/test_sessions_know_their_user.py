"""The session engine stamps each session with its user, so ending them is one query."""

import pytest
from django.urls import reverse

from hatnhan.accounts.models import AccountSession

pytestmark = pytest.mark.django_db


def test_signing_in_stores_a_session_of_that_user(client, users):
    response = client.post(reverse("login"), {"username": "stc_member", "password": "demo"})
    assert response.status_code == 302
    session = AccountSession.objects.get(session_key=client.session.session_key)
    assert session.user_id == users["member"].pk
    assert client.get(reverse("home")).status_code == 200


def test_an_anonymous_session_has_no_user(client, db):
    session = client.session
    session["x"] = 1
    session.save()
    assert AccountSession.objects.get(session_key=session.session_key).user_id is None
