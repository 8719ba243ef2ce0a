"""Objects inside the STC subtree for the every-URL restriction walker (discipline app)."""

import datetime as dt

from hatnhan.discipline import services
from hatnhan.discipline.models import DisciplineDecision, StateDiscipline


def url_objects(ctx) -> dict[str, int]:
    stc, secretary = ctx.tree["stc"], ctx.users["secretary"]
    decision = DisciplineDecision.objects.filter(number="01-QĐ/ĐU-KT").first()
    if decision is None:
        member = ctx.make_member(ctx.tree["stc_cell"], "Phan Văn Kỷ")
        decision = services.record_decision(
            actor=secretary,
            deciding_body=stc,
            number="01-QĐ/ĐU-KT",
            decided_on=dt.date(2026, 3, 2),
            form="reprimand",
            reason="Vi phạm kiểm thử",
            member=member,
        )
    state = StateDiscipline.objects.filter(number="02/QĐ-STC-KT").first()
    if state is None:
        state = services.record_state_discipline(
            actor=secretary,
            member=decision.member,
            state_body="Sở Tài chính",
            number="02/QĐ-STC-KT",
            decided_on=dt.date(2026, 3, 1),
            form="reprimand",
        )
    return {
        "decision_id": decision.pk,
        "state_discipline_id": state.pk,
        "discipline.disciplinedecision": decision.pk,
        "discipline.statediscipline": state.pk,
    }
