"""The demo's discipline: a few decisions (one of a probationary member, one of a cell, one
self-reported), the state body's discipline told on time and late; audited, chain intact."""

import datetime as dt
import io
import random

from hatnhan.accounts.services import create_user
from hatnhan.audit.services import verify_chain
from hatnhan.discipline import demo
from hatnhan.discipline.models import DisciplineDecision, StateDiscipline

TODAY = dt.date(2026, 11, 25)


def test_demo_decisions(users, tree, make_member):
    create_user(
        actor=None,
        username="kiemtra",
        role="inspector",
        organization=tree["bloc"],
        password="demo",
        check_password=False,
    )
    for i in range(4):
        for cell in ("stc_cell", "syt_cell"):
            make_member(
                tree[cell], f"Đảng viên {cell} {i}", full_membership_date=dt.date(2010, 1, 1)
            )
            make_member(tree[cell], f"Dự bị {cell} {i}", probationary_date=dt.date(2026, 1, 1))
    counts = demo.populate(rng=random.Random("1"), today=TODAY, stdout=io.StringIO())
    assert counts == {"discipline decisions": 4, "state discipline": 2}
    assert DisciplineDecision.objects.filter(was_probationary=True, form="reprimand").exists()
    assert DisciplineDecision.objects.filter(subject_organization=tree["syt_cell"]).exists()
    assert DisciplineDecision.objects.filter(self_reported=True).exists()
    assert DisciplineDecision.objects.filter(deciding_body=tree["bloc"], form="warning").exists()
    assert [s.is_late(TODAY) for s in StateDiscipline.objects.order_by("pk")] == [False, True]
    assert verify_chain() == []
