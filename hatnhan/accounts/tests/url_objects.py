"""Objects inside the STC subtree for the every-URL restriction walker
(hatnhan/core/tests/test_every_url_restricted.py): an STC account and its role. The walker
asks as the SYT secretary, who manages no accounts: every one of these answers 404."""

from typing import Any


def url_objects(ctx: Any) -> dict[str, int]:
    account = ctx.users["secretary"]
    return {
        "user_id": account.pk,
        "role_id": account.roles.get().pk,
        # /api/v1/accounts/{pk}/ and its actions
        "accounts.user": account.pk,
    }
