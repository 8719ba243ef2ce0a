"""Objects inside the STC subtree for the every-URL restriction walker: the STC organization
(its scorecard) and a member of its cell (the member's and the head's scorecards)."""


def url_objects(ctx) -> dict[str, int]:
    member = ctx.make_member(ctx.tree["stc_cell"], "Phiếu Kết Quả")
    return {
        "organization_id": ctx.tree["stc"].pk,
        "member_id": member.pk,
        "key": "tasks_overdue",  # a figure of the drill-down link
    }
