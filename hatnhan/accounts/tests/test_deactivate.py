"""Deactivating ends the account's sessions and token at once; reactivating opens it again."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hatnhan.accounts.services import api_token, grant_role, set_active
from hatnhan.core.testing import api_client, writes_nothing

from .helpers import has_token, live_sessions

pytestmark = pytest.mark.django_db


def test_deactivation_ends_sessions_and_token(users, signed_in):
    secretary = users["secretary"]
    browser = signed_in(secretary)
    token = api_token(actor=None, user=secretary)
    assert set_active(actor=users["admin"], user=secretary, active=False) is True
    secretary.refresh_from_db()
    assert not secretary.is_active
    assert live_sessions(secretary) == 0 and not has_token(secretary)
    assert browser.get(reverse("home")).status_code == 302
    assert (
        api_client().get("/api/v1/tasks/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    )
    # The password still works once the account is opened again.
    assert set_active(actor=users["admin"], user=secretary, active=True) is True
    # (Through the login page: django-axes needs the request, so Client.login cannot sign in;
    # the secretary has no authenticator yet, so the next step is enrolling.)
    response = api_client().post(
        reverse("login"), {"username": "stc_secretary", "password": "demo"}
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa-enroll"))


def test_no_one_deactivates_themselves(users):
    with writes_nothing(), pytest.raises(PermissionDenied):
        set_active(actor=users["admin"], user=users["admin"], active=False)


def test_an_account_holding_a_role_above_reach_is_out_of_reach(tree, users, stc_admin):
    # The bloc's staff also holds a role in STC: STC's admin may not lock them out.
    grant_role(actor=None, user=users["staff"], role="committee", organization=tree["stc"])
    with writes_nothing(), pytest.raises(PermissionDenied, match="ngoài phạm vi"):
        set_active(actor=stc_admin, user=users["staff"], active=False)
    # Nor may staff lock out an administrator.
    with writes_nothing(), pytest.raises(PermissionDenied):
        set_active(actor=users["staff"], user=stc_admin, active=False)
    assert set_active(actor=stc_admin, user=users["secretary"], active=False)
