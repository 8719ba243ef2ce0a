"""Objects inside the STC subtree for the every-URL restriction walker."""

import datetime as dt

from hatnhan.organizations.services import create_term


def url_objects(ctx) -> dict[str, int]:
    term = create_term(
        actor=None, organization=ctx.tree["stc"], name="2020–2025", start_date=dt.date(2020, 6, 1)
    )
    return {"organization_id": ctx.tree["stc_cell"].pk, "term_id": term.pk}
