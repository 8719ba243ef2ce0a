"""The update services refuse a misspelled keyword, naming it, and write nothing."""

import pytest
from django.core.exceptions import ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.directives import services
from hatnhan.directives.models import Directive


def test_update_directive_refuses_a_misspelling(make_directive, users):
    directive = make_directive(title="Kế hoạch")
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.update_directive(actor=users["secretary"], directive=directive, titel="Sửa")
    assert list(refused.value.message_dict) == ["titel"]
    assert AuditEvent.objects.count() == events
    assert Directive.objects.get(pk=directive.pk).title == "Kế hoạch"


def test_directives_is_a_known_keyword_of_a_resolution_only(make_resolution, make_directive, users):
    resolution = make_resolution()
    directive = make_directive()
    assert services.update_resolution(
        actor=users["secretary"], resolution=resolution, directives=[directive]
    )
    with pytest.raises(ValidationError) as refused:
        services.update_directive(actor=users["secretary"], directive=directive, directives=[])
    assert list(refused.value.message_dict) == ["directives"]
