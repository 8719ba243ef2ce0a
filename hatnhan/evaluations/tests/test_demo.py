"""The demo's review: a computed round with self-assessments, reviews and decisions."""

import datetime as dt
import io
import random

from hatnhan.audit.services import verify_chain
from hatnhan.evaluations import demo
from hatnhan.evaluations.models import Round


def test_demo_round_is_computed_with_entries(tree, make_member, make_task):
    members = [make_member(tree["stc_cell"], f"Đảng viên {i}") for i in range(5)]
    for m in members:
        make_task(m, dt.date(2025, 6, 1))
    demo.populate(
        rng=random.Random("2017:evaluations"), today=dt.date(2026, 1, 15), stdout=io.StringIO()
    )
    assert demo.loaded()
    round = Round.objects.get()
    assert round.status == "computed"
    rows = round.evaluations.filter(member__isnull=False)
    assert rows.count() == 5
    assert rows.exclude(self_strengths="").count() == 5
    assert rows.exclude(general_score=None).count() == 5
    assert rows.exclude(final_level="").count() == 4
    assert round.evaluations.filter(organization__isnull=False).exists()
    assert verify_chain() == []
