"""The custodian role (issue 11): it alone grants CUSTODY, over its organization's subtree; it
is granted on the account administration pages like the other roles, and requires two-factor
sign-in."""

import pytest
from django.conf import settings
from django.urls import reverse

from hatnhan.accounts.models import Role, RoleName
from hatnhan.accounts.services import create_user
from hatnhan.core.restrict import CUSTODY, ROLE_ACTIONS, VIEW, can, reach

pytestmark = pytest.mark.django_db


@pytest.fixture
def custodian(tree):
    return create_user(
        actor=None,
        username="custodian",
        role=RoleName.CUSTODIAN,
        organization=tree["stc"],
        password="demo",
        check_password=False,
    )


def test_only_the_custodian_role_grants_custody():
    assert [role for role, actions in ROLE_ACTIONS.items() if CUSTODY in actions] == ["custodian"]
    assert ROLE_ACTIONS["custodian"] == {CUSTODY}


def test_the_custodian_reaches_its_subtree_only(tree, users, custodian):
    assert reach(custodian, CUSTODY) == [tree["stc"].path]
    assert can(custodian, CUSTODY, tree["stc_cell"])
    assert not can(custodian, CUSTODY, tree["syt"])
    assert not can(custodian, CUSTODY, tree["bloc"])
    # Custody is not reading the record, and no other role holds custody.
    assert not can(custodian, VIEW, tree["stc"])
    assert not can(users["admin"], CUSTODY, tree["stc"])
    assert not can(users["inspector"], CUSTODY, tree["stc"])


def test_custodians_must_sign_in_with_two_factors():
    assert "custodian" in settings.HATNHAN_MFA_REQUIRED_ROLES


def test_an_administrator_grants_the_role_on_the_account_page(tree, users, signed_in):
    client = signed_in(users["admin"], confirmed=True)
    url = reverse("accounts:role-grant", args=[users["committee"].pk])
    page = client.get(url)
    assert "Người quản lý thông tin người phản ánh" in page.content.decode()
    response = client.post(url, {"role": "custodian", "organization": tree["stc"].pk})
    assert response.status_code == 302
    assert Role.objects.filter(
        user=users["committee"], role="custodian", organization=tree["stc"]
    ).exists()
