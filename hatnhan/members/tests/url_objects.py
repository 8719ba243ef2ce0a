"""Objects inside the STC subtree for the every-URL restriction walker
(hatnhan/core/tests/test_every_url_restricted.py)."""

from typing import Any

from hatnhan.members.models import SeatRole
from hatnhan.members.services import create_seat


def url_objects(ctx: Any) -> dict[str, int]:
    member = ctx.make_member(ctx.tree["stc_cell"], "Hoàng Văn Em")
    seat = create_seat(
        actor=None, organization=ctx.tree["stc"], member=member, role=SeatRole.COMMITTEE
    )
    return {
        "member_id": member.pk,
        "seat_id": seat.pk,
        # /api/v1/members/{pk}/ and /api/v1/seats/{pk}/
        "members.member": member.pk,
        "members.committeeseat": seat.pk,
        "source": "active",
    }


UNSCOPED_URL_NAMES = {
    "members:pick": "a picker's matches within the user's own reach; an organization out of "
    "reach answers 404 (members/tests/test_picker_source.py)",
}
