"""Revoking a role; the last one ends the account's sessions and API token at once."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hatnhan.accounts.models import Role, User
from hatnhan.accounts.services import api_token, grant_role, revoke_role
from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import api_client, run_concurrently, writes_nothing

from .helpers import has_token, live_sessions


@pytest.mark.django_db
def test_revoking_the_last_role_ends_sessions_and_token(tree, users, signed_in):
    member = users["member"]
    browser = signed_in(member)
    token = api_token(actor=None, user=member)
    assert live_sessions(member) == 1 and has_token(member)

    last = revoke_role(actor=users["admin"], role=member.roles.get())

    assert last is True
    assert live_sessions(member) == 0 and not has_token(member)
    # The browser is signed out, the token opens nothing.
    assert browser.get(reverse("home")).status_code == 302
    assert (
        api_client().get("/api/v1/tasks/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    )
    events = list(AuditEvent.objects.filter(action__in=["role.revoke", "user.signout"]))
    assert {e.action for e in events} == {"role.revoke", "user.signout"}
    revoked = next(e for e in events if e.action == "role.revoke")
    assert revoked.before["role"] == "member" and revoked.after is None


@pytest.mark.django_db
def test_revoking_one_of_several_roles_keeps_the_sessions(tree, users, signed_in):
    secretary = users["secretary"]
    extra = grant_role(actor=None, user=secretary, role="committee", organization=tree["stc_cell"])
    signed_in(secretary)
    assert revoke_role(actor=users["admin"], role=extra) is False
    assert live_sessions(secretary) == 1


@pytest.mark.django_db
def test_no_one_revokes_their_own_last_admin_role(tree, users, stc_admin):
    with writes_nothing(), pytest.raises(PermissionDenied, match="quản trị cuối cùng"):
        revoke_role(actor=stc_admin, role=stc_admin.roles.get())
    # With a second admin role, one of them may go.
    second = grant_role(
        actor=users["admin"], user=stc_admin, role="admin", organization=tree["stc_cell"]
    )
    assert revoke_role(actor=stc_admin, role=second) is False


@pytest.mark.django_db
def test_a_role_above_ones_reach_is_not_revoked(tree, users, stc_admin):
    bloc_admin_in_stc = grant_role(
        actor=None, user=users["staff"], role="admin", organization=tree["stc"]
    )
    with writes_nothing(), pytest.raises(PermissionDenied):
        revoke_role(actor=users["staff"], role=bloc_admin_in_stc)
    with writes_nothing(), pytest.raises(PermissionDenied):
        revoke_role(actor=stc_admin, role=users["other"].roles.get())


@pytest.mark.django_db(transaction=True)
def test_two_revocations_of_the_last_two_roles_end_the_sessions(tree, users):
    """Each alone leaves a role; together they leave none, and the second must see that."""
    secretary = User.objects.get(pk=users["secretary"].pk)
    grant_role(actor=None, user=secretary, role="committee", organization=tree["stc_cell"])
    first, second = list(Role.objects.filter(user=secretary))
    from django.test import Client

    client = Client()
    client.force_login(secretary)
    admin = User.objects.get(pk=users["admin"].pk)
    results = run_concurrently(
        lambda: revoke_role(actor=admin, role=first),
        lambda: revoke_role(actor=admin, role=second),
    )
    assert sorted(results) == [False, True]
    assert not Role.objects.filter(user=secretary).exists()
    assert live_sessions(secretary) == 0
