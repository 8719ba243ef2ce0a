"""Objects inside the STC subtree for the every-URL restriction walker
(hatnhan/core/tests/test_every_url_restricted.py)."""

import datetime as dt
from typing import Any

from hatnhan.organizations.models import Holiday
from hatnhan.organizations.services import create_term


def url_objects(ctx: Any) -> dict[str, int]:
    term = create_term(
        actor=None, organization=ctx.tree["stc"], name="2025–2030", start_date=dt.date(2025, 10, 1)
    )
    # No organization's: the walker only proves an anonymous visitor is sent to log in.
    holiday, _ = Holiday.objects.get_or_create(
        date=dt.date(2026, 4, 30), defaults={"name": "Ngày Giải phóng miền Nam"}
    )
    return {
        "organization_id": ctx.tree["stc_cell"].pk,
        "holiday_id": holiday.pk,
        "term_id": term.pk,
        # /api/v1/organizations/{pk}/ and /api/v1/terms/{pk}/
        "organizations.organization": ctx.tree["stc_cell"].pk,
        "organizations.term": term.pk,
    }


UNSCOPED_URL_NAMES = {
    "holidays:edit": "the holiday calendar is the whole system's, no organization's: only a "
    "root administrator opens it, anyone else signed in gets 403 (test_holiday_pages)",
    "holidays:remove": "the holiday calendar is the whole system's (as holidays:edit)",
}
