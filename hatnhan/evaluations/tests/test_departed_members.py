"""A member who leaves the round's subtree (or its statuses) after a computation keeps the row,
with what people entered, and the recomputation marks it excluded with the reason; a member
still in the round is not touched by it."""

import datetime as dt

from hatnhan.evaluations import engine, services
from hatnhan.evaluations.tests.conftest import YEAR, row_of
from hatnhan.members.services import set_decided_status, transfer_member


def test_a_transferred_member_keeps_the_entries_and_is_excluded(
    tree, make_member, make_task, make_round, compute
):
    leaving, staying = make_member(name="Chuyển Đi"), make_member(name="Ở Lại")
    for member in (leaving, staying):
        make_task(member, dt.date(YEAR, 3, 1))
    round = compute(make_round())
    row = row_of(round, leaving)
    services.review(actor=None, evaluation=row, general_score=27, comment="Tốt")
    kept = row_of(round, staying)
    transfer_member(
        actor=None, member=leaving, to_organization=tree["syt"], date=dt.date(YEAR + 1, 1, 5)
    )
    round = compute(round)
    row = row_of(round, leaving)
    assert row.excluded
    assert row.excluded_reason == engine.DEPARTED
    assert row.proposed_level == "" and row.total_score is None
    assert row.general_score == 27 and row.committee_comment == "Tốt"
    assert row.unit_id == tree["stc_cell"].pk  # where the member was reviewed
    assert [e["rule"] for e in row.explanation] == ["departed"]
    again = row_of(round, staying)
    assert (again.pk, again.metrics, again.proposed_level) == (
        kept.pk,
        kept.metrics,
        kept.proposed_level,
    )


def test_a_member_no_longer_in_the_statuses_is_excluded_and_comes_back(
    make_member, make_task, make_round, compute
):
    member = make_member(name="Từ Trần")
    make_task(member, dt.date(YEAR, 3, 1))
    round = compute(make_round())
    set_decided_status(actor=None, member=member, status="deceased", on=dt.date(YEAR + 1, 1, 2))
    assert row_of(compute(round), member).excluded
    # Recorded by mistake and put back: the next computation reviews the member again.
    set_decided_status(actor=None, member=member, status="active", on=dt.date(YEAR + 1, 1, 3))
    row = row_of(compute(round), member)
    assert not row.excluded
    assert row.proposed_level
