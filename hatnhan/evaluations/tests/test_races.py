"""Two connections at once: a lock and a decision, a recomputation and a review. The round is
locked first, then the row (everywhere): neither write is lost or half-applied."""

import datetime as dt

import pytest

from hatnhan.core.testing import run_concurrently
from hatnhan.evaluations import services
from hatnhan.evaluations.models import Evaluation, Round
from hatnhan.evaluations.tests.conftest import TODAY, YEAR

pytestmark = pytest.mark.django_db(transaction=True)


def test_lock_and_a_changed_decision_never_interleave(make_member, make_task, make_round, compute):
    member = make_member(name="Đua Khóa")
    make_task(member, dt.date(YEAR, 3, 1))
    round = compute(make_round())
    row = round.evaluations.get()
    services.decide(actor=None, evaluation=row, final_level=row.proposed_level)
    results = run_concurrently(
        lambda: services.lock_round(actor=None, round=round),
        lambda: services.decide(
            actor=None, evaluation=row, final_level="not_completed", reason="Hội nghị"
        ),
    )
    locked = Round.objects.get(pk=round.pk)
    final = Evaluation.objects.get(pk=row.pk)
    assert locked.is_locked  # the lock needs only a final level, which both states have
    if isinstance(results[1], Exception):
        # The decision came after the lock: refused, the level as it was when locked.
        assert final.final_level == row.proposed_level
    else:
        assert final.final_level == "not_completed"
        assert final.decided_at <= locked.locked_at


def test_a_review_during_a_recomputation_is_kept(make_member, make_task, make_round, compute):
    member = make_member(name="Đua Tính")
    make_task(member, dt.date(YEAR, 3, 1))
    round = compute(make_round())
    row = round.evaluations.get()
    results = run_concurrently(
        lambda: services.compute_round(actor=None, round=round, today=TODAY, background=False),
        lambda: services.review(actor=None, evaluation=row, general_score=27, comment="Tốt"),
    )
    assert not any(isinstance(r, Exception) for r in results), results
    final = Evaluation.objects.get(pk=row.pk)
    assert final.general_score == 27
    assert final.committee_comment == "Tốt"
