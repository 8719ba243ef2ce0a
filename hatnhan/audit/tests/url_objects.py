"""Objects inside the STC subtree for the every-URL restriction test (see
hatnhan/core/tests/test_every_url_restricted.py)."""

from typing import Any

from hatnhan.audit.models import AuditEvent


def url_objects(ctx: Any) -> dict[str, int]:
    # The fixtures' own writes left events about STC (creating its organizations, members).
    event = AuditEvent.objects.filter(organization_path__startswith=ctx.tree["stc"].path).latest(
        "id"
    )
    return {
        # /api/v1/audit-events/{pk}/
        "audit.auditevent": event.pk,
    }
