"""Acceptance: by the assigner or the committee, never by the owner or a co-worker."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.accounts.services import create_user, grant_role
from hatnhan.tasks import services
from hatnhan.tasks.models import Acceptance, TaskStatus

from .conftest import awaiting


def test_owner_cannot_accept_own_task(task, users):
    awaiting(task, users)
    with pytest.raises(PermissionDenied):
        services.accept_task(actor=users["member"], task=task, outcome="exceeded")
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE


def test_owner_with_a_committee_role_still_cannot_accept(task, users, tree):
    """A committee member who owns the task may not sign it off either."""
    grant_role(actor=None, user=users["member"], role="committee", organization=tree["stc"])
    users["member"]._hatnhan_grants = None
    awaiting(task, users)
    with pytest.raises(PermissionDenied):
        services.accept_task(actor=users["member"], task=task, outcome="met")
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE and not Acceptance.objects.exists()


def test_coworker_cannot_accept(make_task, users, make_member, tree):
    helper = make_member(tree["stc_cell"], "Ngô Văn Khoa")
    account = create_user(
        actor=None, username="khoa", role="committee", organization=tree["stc"], member=helper
    )
    task = make_task(coworkers=[helper])
    awaiting(task, users)
    with pytest.raises(PermissionDenied):
        services.accept_task(actor=account, task=task, outcome="met")
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE and not Acceptance.objects.exists()


def test_committee_member_accepts(task, users):
    awaiting(task, users)
    services.accept_task(
        actor=users["committee"], task=task, outcome="partly_met", comment="Còn thiếu 2 thủ tục"
    )
    task.refresh_from_db()
    assert task.outcome == "partly_met"


def test_inspector_and_other_org_cannot_accept(task, users):
    awaiting(task, users)
    for who in ("inspector", "other"):
        with pytest.raises(PermissionDenied):
            services.accept_task(actor=users[who], task=task, outcome="met")
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE and not Acceptance.objects.exists()


def test_cannot_accept_before_awaiting(task, users):
    with pytest.raises(ValidationError) as info:
        services.accept_task(actor=users["secretary"], task=task, outcome="met")
    assert list(info.value.message_dict) == ["status"]
    assert not Acceptance.objects.exists()


def test_outcome_must_be_one_of_four(task, users):
    awaiting(task, users)
    with pytest.raises(ValidationError) as info:
        services.accept_task(actor=users["secretary"], task=task, outcome="great")
    assert list(info.value.message_dict) == ["outcome"]
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE and not Acceptance.objects.exists()


def test_not_met_needs_a_comment(task, users):
    awaiting(task, users)
    with pytest.raises(ValidationError) as info:
        services.accept_task(actor=users["secretary"], task=task, outcome="not_met")
    assert list(info.value.message_dict) == ["comment"]
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE and not Acceptance.objects.exists()


def test_parent_cannot_be_submitted_with_open_children(make_task, users, tree):
    parent = make_task()
    make_task(parent=parent, title="Việc con")
    with pytest.raises(ValidationError) as info:
        services.report_progress(
            actor=users["member"], task=parent, percent=100, note="x", submit=True
        )
    assert list(info.value.message_dict) == ["status"]
    parent.refresh_from_db()
    assert parent.status == TaskStatus.ASSIGNED and not parent.progress_updates.exists()


def test_can_decide_predicate(task, users):
    assert services.can_decide(users["secretary"], task)
    assert services.can_decide(users["committee"], task)
    assert not services.can_decide(users["member"], task)
    assert not services.can_decide(users["inspector"], task)
    assert not services.can_decide(users["other"], task)
    assert services.can_report(users["member"], task)
    assert not services.can_report(users["inspector"], task)
