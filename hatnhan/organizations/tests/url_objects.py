"""Objects inside the STC subtree for the every-URL restriction test (see
hatnhan/core/tests/test_every_url_restricted.py)."""

from typing import Any


def url_objects(ctx: Any) -> dict[str, int]:
    return {
        # /api/v1/organizations/{pk}/
        "organizations.organization": ctx.tree["stc_cell"].pk,
    }
