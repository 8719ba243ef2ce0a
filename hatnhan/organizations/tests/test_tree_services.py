"""Creating and moving organizations keeps materialized paths, depths and audit right."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.organizations.models import Organization, OrganizationKind
from hatnhan.organizations.services import create_organization, update_organization


def test_child_path_extends_parent_path(tree):
    assert tree["stc_cell"].path.startswith(tree["stc"].path)
    assert tree["stc_cell"].depth == 2
    assert AuditEvent.objects.filter(
        action="organization.create", object_id=str(tree["stc_cell"].pk)
    ).exists()


def test_code_is_cleaned_and_unique(tree, users):
    with pytest.raises(ValidationError) as exc:
        create_organization(
            actor=users["admin"],
            code=" stc ",
            name="Trùng mã",
            kind=OrganizationKind.CELL,
            parent=tree["bloc"],
        )
    assert "code" in exc.value.message_dict


def test_moving_carries_the_subtree(tree, users):
    update_organization(actor=users["admin"], organization=tree["stc"], parent=tree["syt"])
    cell = Organization.objects.get(pk=tree["stc_cell"].pk)
    stc = Organization.objects.get(pk=tree["stc"].pk)
    assert stc.path.startswith(tree["syt"].path) and cell.path.startswith(stc.path)
    assert (stc.depth, cell.depth) == (2, 3)


def test_cannot_move_under_own_descendant(tree, users):
    with pytest.raises(ValidationError) as exc:
        update_organization(actor=users["admin"], organization=tree["stc"], parent=tree["stc_cell"])
    assert "parent" in exc.value.message_dict


def test_secretary_cannot_create_outside_subtree(tree, users):
    with pytest.raises(PermissionDenied):
        create_organization(
            actor=users["secretary"],
            code="SYT-X",
            name="Chi bộ X",
            kind=OrganizationKind.CELL,
            parent=tree["syt"],
        )
    assert not Organization.objects.filter(code="SYT-X").exists()


def test_unchanged_edit_writes_no_event(tree, users):
    before = AuditEvent.objects.count()
    update_organization(actor=users["admin"], organization=tree["stc"], name=tree["stc"].name)
    assert AuditEvent.objects.count() == before
