"""The bulk loads of resolutions and focus issues: the services' rules, an event per record."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import move_anchor, verify_chain
from hatnhan.directives import services
from hatnhan.directives.models import FocusIssue, Resolution


def _resolution(org, month: int) -> Resolution:
    return Resolution(
        organization=org,
        kind="monthly",
        title=f"Nghị quyết sinh hoạt chi bộ tháng {month}/2026",
        adopted_on=dt.date(2026, month, 3),
        period_start=dt.date(2026, month, 1),
        period_end=dt.date(2026, month, 28),
    )


def test_resolutions_and_issues_get_the_services_events(tree, make_directive):
    org = tree["stc"]
    directive = make_directive(actor=None)
    first, second = _resolution(org, 1), _resolution(org, 2)
    before = AuditEvent.objects.count()
    services.bulk_create_resolutions(
        actor=None, resolutions=[first, second], citations=[[directive], []]
    )
    issue = FocusIssue(resolution=second, title="Nâng cao chất lượng sinh hoạt", level="key")
    services.bulk_create_focus_issues(actor=None, focus_issues=[issue], citations=[[directive]])
    move_anchor()
    actions = list(AuditEvent.objects.order_by("seq")[before:].values_list("action", "object_id"))
    assert actions == [
        ("resolution.create", str(first.pk)),
        ("resolution.directives", str(first.pk)),
        ("resolution.create", str(second.pk)),
        ("focus_issue.create", str(issue.pk)),
        ("focus_issue.directives", str(issue.pk)),
    ]
    assert list(first.directives.all()) == [directive]
    assert FocusIssue.objects.get(pk=issue.pk).organization == org
    assert Resolution.objects.get(pk=first.pk).search_text
    assert verify_chain() == []


def test_a_bad_resolution_is_named_and_nothing_is_written(tree):
    org = tree["stc"]
    bad = _resolution(org, 2)
    bad.period_end = dt.date(2026, 1, 1)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.bulk_create_resolutions(
            actor=None, resolutions=[_resolution(org, 1), bad], citations=[[], []]
        )
    assert list(error.value.message_dict) == ["Nghị quyết 2"]
    assert not Resolution.objects.exists()
    assert AuditEvent.objects.count() == before
