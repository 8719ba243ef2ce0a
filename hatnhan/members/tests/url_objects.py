"""Objects inside the STC subtree for the every-URL restriction walker."""

from hatnhan.members.models import SeatRole
from hatnhan.members.services import create_seat


def url_objects(ctx) -> dict[str, int]:
    member = ctx.make_member(ctx.tree["stc_cell"], "Hoàng Văn Em")
    seat = create_seat(
        actor=None, organization=ctx.tree["stc"], member=member, role=SeatRole.COMMITTEE
    )
    return {"member_id": member.pk, "seat_id": seat.pk, "organization_id": ctx.tree["stc"].pk}
