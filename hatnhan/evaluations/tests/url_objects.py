"""Objects inside the STC subtree for the every-URL restriction walker: a computed round
over STC with one member's row."""

import datetime as dt

from hatnhan.evaluations import services


def url_objects(ctx) -> dict[str, int]:
    from hatnhan.evaluations.models import Rule, Rulebook
    from hatnhan.evaluations.rulebooks import load

    if not Rulebook.objects.exists():  # emptied by an earlier transactional test's flush
        load(Rulebook, Rule)
    ctx.make_member(ctx.tree["stc_cell"], "Đánh Giá Mẫu")
    round = services.create_round(
        actor=None,
        organization=ctx.tree["stc"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        rulebook="qd366-2025",
    )
    services.compute_round(actor=None, round=round, today=dt.date(2026, 1, 10), background=False)
    row = round.evaluations.first()
    return {
        "round_id": round.pk,
        "evaluation_id": row.pk,
        "code": "qd366-2025",
        "evaluations.round": round.pk,
        "evaluations.evaluation": row.pk,
    }


UNSCOPED_URL_NAMES = {
    "evaluations:rulebook": "a regulation's published rules and clauses, the same for everyone",
}
