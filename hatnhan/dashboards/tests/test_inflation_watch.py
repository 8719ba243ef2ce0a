"""The inflation watch on the scorecard: members' decided levels against the record-based
proposals, in the latest computed round of the period's year."""

import datetime as dt

from hatnhan.dashboards import figures, periods
from hatnhan.evaluations import services as evaluation_services
from hatnhan.evaluations.models import Evaluation, Level, Rule, Rulebook
from hatnhan.evaluations.rulebooks import load


def test_levels_decided_against_the_proposals(tree, make_member, make_task):
    if not Rulebook.objects.exists():  # emptied by an earlier transactional test's flush
        load(Rulebook, Rule)
    members = [make_member(tree["stc_cell"], f"Đảng Viên {n}") for n in range(3)]
    for m in members:
        due = dt.date(2025, 6, 30)
        make_task(tree["stc_cell"], due, owner=m, submitted=due, accepted=due)
    round = evaluation_services.create_round(
        actor=None,
        organization=tree["stc"],
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        rulebook="qd366-2025",
    )
    evaluation_services.compute_round(
        actor=None, round=round, today=dt.date(2026, 1, 10), background=False
    )
    rows = list(Evaluation.objects.filter(round=round, member__isnull=False).order_by("pk"))
    assert len(rows) == 3
    # The proposals and decisions set by hand (the engine's proposal rules are the evaluation
    # app's own tests): one member decided above the record's proposal.
    for row, (proposal, final) in zip(
        rows,
        [
            (Level.GOOD, Level.EXCELLENT),
            (Level.COMPLETED, Level.COMPLETED),
            (Level.GOOD, Level.GOOD),
        ],
        strict=True,
    ):
        Evaluation.objects.filter(pk=row.pk).update(proposed_level=proposal, final_level=final)
    period, _ = periods.parse({"year": "2025"}, dt.date(2026, 1, 10))
    found = {f.key: f for f in figures.evaluation_section(tree["stc"], period).figures}
    assert found["members_above_proposal"].value == 1
    assert {level: found[f"members_{level}"].value for level in Level.values} == {
        Level.EXCELLENT: 1,
        Level.GOOD: 1,
        Level.COMPLETED: 1,
        Level.NOT_COMPLETED: 0,
    }
    assert found[f"members_{Level.GOOD}"].note == "đề xuất theo hồ sơ: 2"
    assert found[f"members_{Level.EXCELLENT}"].note == "đề xuất theo hồ sơ: 0"
    assert found["members_above_proposal"].drill_url.endswith(f"/rounds/{round.pk}/watch/")


def test_no_round_no_figures(tree):
    period, _ = periods.parse({"year": "2025"}, dt.date(2026, 1, 10))
    section = figures.evaluation_section(tree["stc"], period)
    assert all(f.value is None and f.drill_url is None for f in section.figures)
