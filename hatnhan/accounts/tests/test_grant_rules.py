"""Who may grant which role where: within their MANAGE reach, `admin` only by an admin at or
above, never to themselves, never twice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.accounts.models import Role
from hatnhan.accounts.services import grant_role
from hatnhan.core.testing import writes_nothing

pytestmark = pytest.mark.django_db


def test_an_admin_grants_a_role_in_their_subtree(tree, users, stc_admin):
    role = grant_role(
        actor=stc_admin, user=users["committee"], role="secretary", organization=tree["stc_cell"]
    )
    assert Role.objects.filter(pk=role.pk, user=users["committee"]).exists()


def test_no_one_grants_outside_their_subtree(tree, users, stc_admin):
    with writes_nothing(), pytest.raises(PermissionDenied):
        grant_role(actor=stc_admin, user=users["other"], role="committee", organization=tree["syt"])


def test_no_one_grants_to_themselves(tree, users, stc_admin):
    with writes_nothing(), pytest.raises(PermissionDenied, match="chính mình"):
        grant_role(actor=stc_admin, user=stc_admin, role="secretary", organization=tree["stc"])


def test_admin_is_granted_only_by_an_admin_at_or_above(tree, users, stc_admin):
    # Staff manage accounts in their reach, but may not make administrators.
    with writes_nothing(), pytest.raises(PermissionDenied, match="Quản trị hệ thống"):
        grant_role(
            actor=users["staff"], user=users["committee"], role="admin", organization=tree["stc"]
        )
    # An STC admin may make an admin below; not at the bloc above them.
    grant_role(
        actor=stc_admin, user=users["committee"], role="admin", organization=tree["stc_cell"]
    )
    with writes_nothing(), pytest.raises(PermissionDenied):
        grant_role(
            actor=stc_admin, user=users["committee"], role="admin", organization=tree["bloc"]
        )
    grant_role(
        actor=users["admin"], user=users["committee"], role="admin", organization=tree["stc"]
    )


def test_staff_grant_the_other_roles(tree, users):
    role = grant_role(
        actor=users["staff"], user=users["inspector"], role="committee", organization=tree["stc"]
    )
    assert role.pk


def test_secretaries_do_not_manage_accounts(tree, users):
    with writes_nothing(), pytest.raises(PermissionDenied):
        grant_role(
            actor=users["secretary"],
            user=users["member"],
            role="committee",
            organization=tree["stc"],
        )


def test_a_duplicate_is_refused_naming_it(tree, users):
    with writes_nothing(), pytest.raises(ValidationError) as refused:
        grant_role(
            actor=users["admin"],
            user=users["secretary"],
            role="secretary",
            organization=tree["stc"],
        )
    message = refused.value.message_dict["role"][0]
    assert "đã giữ vai trò “Bí thư” ở STC" in message
