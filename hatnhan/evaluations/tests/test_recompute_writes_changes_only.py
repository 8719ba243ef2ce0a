"""A recomputation writes only the rows whose computed fields changed: over an unchanged record
it writes no row at all, and a changed task rewrites its owner's row alone."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatnhan.evaluations import engine
from hatnhan.evaluations.models import Evaluation
from hatnhan.evaluations.tests.conftest import YEAR, row_of

TABLE = Evaluation._meta.db_table


def _row_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if TABLE in q["sql"] and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]


def test_an_unchanged_record_writes_no_row(make_member, make_task, make_round, compute):
    members = [make_member(name=f"Không Đổi {i}") for i in range(3)]
    for member in members:
        make_task(member, dt.date(YEAR, 4, 1))
    round = compute(make_round())
    assert round.evaluations.filter(member__in=members).count() == 3
    with CaptureQueriesContext(connection) as queries:
        compute(round)
    assert _row_writes(queries) == []


def test_a_changed_task_rewrites_its_owners_row_only(
    make_member, make_task, make_round, compute, monkeypatch
):
    late, steady = make_member(name="Trễ Hạn"), make_member(name="Đều Đặn")
    task = make_task(late, dt.date(YEAR, 4, 1))
    make_task(steady, dt.date(YEAR, 4, 1))
    round = compute(make_round())
    untouched = row_of(round, steady)
    task.outcome = "not_met"
    task.save(update_fields=["outcome"])
    written: list[int] = []

    def insert_rows(objs, **kwargs):
        written.extend(o.member_id for o in objs)
        return real(objs, **kwargs)

    real = engine.insert_rows
    monkeypatch.setattr(engine, "insert_rows", insert_rows)
    with CaptureQueriesContext(connection) as queries:
        compute(round)
    assert written == [late.pk]
    assert len(_row_writes(queries)) == 1
    row = row_of(round, late)
    assert row.metrics["tasks_not_met"] == 1
    assert row.proposed_level == "not_completed"
    # The untouched row is the same row, not a rewritten copy.
    assert row_of(round, steady).pk == untouched.pk
    assert row_of(round, steady).metrics == untouched.metrics
