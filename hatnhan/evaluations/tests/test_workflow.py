"""The steps of a row and of a round: recomputation keeps what people entered, a locked round
changes only by a recorded reopening, an organization's level is its superior's to decide."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import writes_nothing
from hatnhan.evaluations import services
from hatnhan.evaluations.tests.conftest import YEAR, row_of


def test_recompute_keeps_entries_and_refreshes_the_proposal(
    make_member, make_task, make_round, compute
):
    member = make_member(name="Giữ Nguyên")
    make_task(member, dt.date(YEAR, 3, 1))
    round = compute(make_round())
    row = row_of(round, member)
    services.self_assess(actor=None, evaluation=row, strengths="Chăm chỉ", general_score=26)
    services.review(actor=None, evaluation=row, general_score=24, comment="Khá")
    make_task(member, dt.date(YEAR, 5, 1), outcome="not_met")
    row = row_of(compute(round), member)
    assert row.self_strengths == "Chăm chỉ"
    assert row.general_score == 24
    assert row.committee_comment == "Khá"
    assert row.metrics["tasks_due"] == 2
    assert row.proposed_level == "completed"


def test_lock_needs_every_final_level_and_reopen_needs_a_reason(
    make_member, make_task, make_round, compute
):
    member = make_member(name="Chốt Sổ")
    make_task(member, dt.date(YEAR, 3, 1))
    round = compute(make_round())
    row = row_of(round, member)
    with pytest.raises(ValidationError), writes_nothing():
        services.lock_round(actor=None, round=round)
    services.review(actor=None, evaluation=row, general_score=25)
    services.decide(actor=None, evaluation=row, final_level="good")
    locked = services.lock_round(actor=None, round=round)
    assert locked.is_locked
    with pytest.raises(ValidationError), writes_nothing():
        services.decide(actor=None, evaluation=row, final_level="completed", reason="Đổi")
    with pytest.raises(ValidationError), writes_nothing():
        services.compute_round(actor=None, round=round, background=False)
    with pytest.raises(ValidationError), writes_nothing():
        services.reopen_round(actor=None, round=round, reason="  ")
    services.reopen_round(actor=None, round=round, reason="Phát hiện sai sót số liệu")
    event = AuditEvent.objects.filter(action="evaluation_round.reopen").get()
    assert event.after["reason"] == "Phát hiện sai sót số liệu"
    services.decide(actor=None, evaluation=row, final_level="completed", reason="Đổi")


def test_an_organization_is_decided_by_the_committee_above(tree, users, make_round, compute):
    round = compute(make_round(subjects="organizations"))
    cell_row = round.evaluations.get(organization=tree["stc_cell"])
    stc_row = round.evaluations.get(organization=tree["stc"])
    # STC's committee decides its cell's level…
    services.decide(
        actor=users["committee"], evaluation=cell_row, final_level="completed", reason="Hội nghị"
    )
    # …but not STC's own: that is the bloc's.
    with pytest.raises(PermissionDenied), writes_nothing():
        services.decide(
            actor=users["committee"], evaluation=stc_row, final_level="good", reason="Tự nhận"
        )
    services.decide(actor=users["staff"], evaluation=stc_row, final_level="good", reason="BTV")


def test_meeting_step_is_recorded(make_member, make_round, compute):
    member = make_member(name="Hội Nghị")
    row = row_of(compute(make_round()), member)
    done = services.record_meeting(actor=None, evaluation=row, level="good", note="Nhất trí")
    assert done.meeting_level == "good"
    assert done.stage == "meeting"


def test_excluded_rows_take_no_step(make_member, make_round, compute):
    member = make_member(name="Miễn", status="exempt")
    row = row_of(compute(make_round()), member)
    with pytest.raises(ValidationError), writes_nothing():
        services.review(actor=None, evaluation=row, general_score=20)


def test_a_rulebook_outside_its_years_warns(make_round):
    assert make_round("qd124-2023").warnings  # a 2025 period
    assert not make_round("qd366-2025").warnings


def test_a_large_round_goes_to_the_background(settings, make_member, make_round):
    settings.EVALUATION_BACKGROUND_MEMBERS = 0
    make_member(name="Nền")
    round = make_round()
    queued = services.compute_round(actor=None, round=round, today=dt.date(2026, 1, 20))
    assert queued.status == "computing"
    assert queued.task_id
    assert round.evaluations.count() == 0
    # The worker's run.
    services.run_computation(round_id=round.pk, today=dt.date(2026, 1, 20))
    round.refresh_from_db()
    assert round.status == "computed"
    assert not round.task_id
    assert round.evaluations.count() == 1


def test_an_immediate_backend_finishes_within_the_call(settings, make_member, make_round):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.EVALUATION_BACKGROUND_MEMBERS = 0
    make_member(name="Ngay")
    round = make_round()
    services.compute_round(actor=None, round=round, today=dt.date(2026, 1, 20))
    round.refresh_from_db()
    assert round.status == "computed"
    assert round.evaluations.count() == 1
