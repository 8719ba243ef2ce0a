"""Every write of the review: rounds (create, compute, lock, reopen) and the steps of a row
(self-assessment → committee review → the meeting → the decision). Each is atomic and
audited; a row's writes lock the round, then the row (that order, everywhere), so a lock or a
recomputation and a decision never interleave."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hatnhan.audit.services import record_event, snapshot
from hatnhan.core.restrict import CHANGE, VIEW, can
from hatnhan.core.services import field_error, refuse_unknown, require, save_audited
from hatnhan.organizations.models import Organization

from . import conf, engine
from .models import Evaluation, Level, Round, RoundStatus, Rulebook, SelfForm, Stage, Subjects

LOCKED = "Đợt đánh giá đã chốt: chỉ thay đổi được sau khi mở lại (có ghi lý do)."


def _audit(actor: Any, action: str, obj: Any, before: dict | None, path: str) -> None:
    record_event(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=snapshot(obj),
        organization_path=path,
    )


@transaction.atomic
def create_round(
    *,
    actor: Any,
    organization: Organization,
    period_start: dt.date,
    period_end: dt.date,
    rulebook: Rulebook | str,
    subjects: str = Subjects.MEMBERS,
    title: str = "",
) -> Round:
    require(actor, CHANGE, organization)
    if isinstance(rulebook, str):
        found = Rulebook.objects.filter(code=rulebook).first()
        if found is None:
            raise field_error("rulebook", f"Không có bộ quy định mã “{rulebook}”.")
        rulebook = found
    if subjects not in Subjects.values:
        raise field_error("subjects", "Đối tượng phải là members, organizations hoặc both.")
    round = Round(
        organization=organization,
        period_start=period_start,
        period_end=period_end,
        rulebook=rulebook,
        subjects=subjects,
        title=title,
        created_by=actor,
    )
    save_audited(
        actor=actor,
        obj=round,
        action="evaluation_round.create",
        before=None,
        organization_path=organization.path,
    )
    return round


def _locked_round(actor: Any, round_id: int, *, action: str = CHANGE) -> Round:
    round = (
        Round.objects.select_for_update()
        .select_related("organization", "rulebook")
        .get(pk=round_id)
    )
    require(actor, action, round)
    return round


def size(round: Round) -> int:
    """How many subjects a computation reads (to choose the request or the background)."""
    from hatnhan.members.models import Member

    return Member.objects.filter(
        organization__path__startswith=round.organization.path, status__in=engine.IN_ROUND
    ).count()


def compute_round(
    *, actor: Any, round: Round, today: dt.date | None = None, background: bool | None = None
) -> Round:
    """Start or redo the computation: within the call for a small round, else a background task
    (the round shows its progress). What people entered is kept."""
    with transaction.atomic():
        locked = _locked_round(actor, round.pk)
        if locked.is_locked:
            raise field_error("status", LOCKED)
        if locked.status == RoundStatus.COMPUTING and locked.task_id:
            raise field_error("status", "Đợt đánh giá đang được tính; chờ xong rồi tính lại.")
        _audit(actor, "evaluation_round.compute", locked, None, locked.organization.path)
    if background is None:
        background = size(locked) > conf.background_members()
    if background:
        from .tasks import compute_round_task

        Round.objects.filter(pk=locked.pk).update(status=RoundStatus.COMPUTING, progress=0)
        queued = compute_round_task.enqueue(locked.pk, today.isoformat() if today else "")
        # A backend that runs the task at once has finished it already: nothing to wait for.
        Round.objects.filter(pk=locked.pk, status=RoundStatus.COMPUTING).update(task_id=queued.id)
        locked.refresh_from_db()
        return locked
    return run_computation(round_id=locked.pk, today=today)


def run_computation(*, round_id: int, today: dt.date | None = None) -> Round:
    """The computation itself (the background task's work, or the request's)."""
    round = Round.objects.get(pk=round_id)
    try:
        done = engine.compute(round, today=today)
    except Exception as exc:
        Round.objects.filter(pk=round_id).update(status=RoundStatus.FAILED, error=str(exc)[:2000])
        raise
    Round.objects.filter(pk=round_id).update(task_id="")
    done.task_id = ""
    return done


@transaction.atomic
def lock_round(*, actor: Any, round: Round) -> Round:
    locked = _locked_round(actor, round.pk)
    if locked.status != RoundStatus.COMPUTED:
        raise field_error("status", "Chỉ chốt được đợt đã tính xong và chưa chốt.")
    undecided = locked.evaluations.filter(excluded=False, final_level="").count()
    if undecided:
        raise field_error(
            "status", f"Còn {undecided} dòng chưa có mức xếp loại cuối cùng: chưa chốt được."
        )
    before = snapshot(locked)
    locked.status = RoundStatus.LOCKED
    locked.locked_at = timezone.now()
    locked.locked_by = actor
    locked.save()
    _audit(actor, "evaluation_round.lock", locked, before, locked.organization.path)
    return locked


@transaction.atomic
def reopen_round(*, actor: Any, round: Round, reason: str) -> Round:
    locked = _locked_round(actor, round.pk)
    if not locked.is_locked:
        raise field_error("status", "Đợt đánh giá chưa chốt.")
    if not reason.strip():
        raise field_error("reason", "Mở lại đợt đã chốt phải ghi rõ lý do.")
    before = snapshot(locked) | {"reason": reason.strip()}
    locked.status = RoundStatus.COMPUTED
    locked.locked_at = None
    locked.locked_by = None
    locked.save()
    record_event(
        actor=actor,
        action="evaluation_round.reopen",
        obj=locked,
        before=before,
        after=snapshot(locked) | {"reason": reason.strip()},
        organization_path=locked.organization.path,
    )
    return locked


# --- a row's steps -------------------------------------------------------------------------------
def _row(actor: Any, evaluation: Evaluation, action: str = CHANGE) -> tuple[Round, Evaluation]:
    """Lock the round, then the row; refuse on a locked round or without `action`."""
    round = Round.objects.select_for_update().get(pk=evaluation.round_id)
    row = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("round__rulebook", "unit", "organization", "member")
        .get(pk=evaluation.pk)
    )
    if action and actor is not None and not can(actor, action, row):
        raise PermissionDenied("Đồng chí không có quyền thực hiện thao tác này.")
    if round.is_locked:
        raise field_error("round", LOCKED)
    if row.excluded:
        raise field_error("excluded", f"Không đánh giá: {row.excluded_reason}.")
    return round, row


def _level(field: str, value: str, *, required: bool = False) -> str:
    if not value:
        if required:
            raise field_error(field, "Chọn mức xếp loại.")
        return ""
    if value not in Level.values:
        raise field_error(field, f"“{value}” không phải là một mức xếp loại.")
    return value


def _score(field: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 30:
        raise field_error(field, "Điểm tiêu chí chung là số nguyên từ 0 đến 30.")
    return value


SELF_FIELDS = {"self_form", "strengths", "weaknesses", "remedies", "general_score", "level"}


@transaction.atomic
def self_assess(*, actor: Any, evaluation: Evaluation, **values: Any) -> Evaluation:
    """The member's own review (HD 43 forms 2A/2B/2C): only the member themselves; for an
    organization's row, its committee (who may change it)."""
    refuse_unknown(values, SELF_FIELDS)
    _round, row = _row(actor, evaluation, action="")
    if actor is not None:
        own = row.member_id is not None and getattr(actor, "member_id", None) == row.member_id
        if not own and not (row.organization_id and can(actor, CHANGE, row)):
            raise PermissionDenied("Chỉ đảng viên đó tự đánh giá phần của mình.")
    form = values.get("self_form") or (SelfForm.FORM_2B if row.member_id else "")
    if form and form not in SelfForm.values:
        raise field_error("self_form", "Mẫu tự kiểm điểm là 2A, 2B hoặc 2C.")
    strengths = str(values.get("strengths", "")).strip()
    if not strengths:
        raise field_error("strengths", "Ghi ưu điểm, kết quả đạt được.")
    before = snapshot(row)
    row.self_form = form
    row.self_strengths = strengths
    row.self_weaknesses = str(values.get("weaknesses", "")).strip()
    row.self_remedies = str(values.get("remedies", "")).strip()
    row.self_general_score = _score("general_score", values.get("general_score"))
    row.self_level = _level("level", values.get("level", ""))
    row.self_assessed_at = timezone.now()
    if row.stage == Stage.COMPUTED:
        row.stage = Stage.SELF_ASSESSED
    engine.refresh_row(row)
    save_audited(
        actor=actor,
        obj=row,
        action="evaluation.self_assessment",
        before=before,
        organization_path=row.unit.path,
    )
    return row


@transaction.atomic
def review(
    *,
    actor: Any,
    evaluation: Evaluation,
    general_score: int,
    proposed_level: str = "",
    comment: str = "",
) -> Evaluation:
    """The committee's review: the general part (0–30), optionally its proposed level (the
    record's proposal otherwise), and its comment."""
    _round, row = _row(actor, evaluation)
    score = _score("general_score", general_score)
    if score is None:
        raise field_error("general_score", "Chấm điểm tiêu chí chung (0–30).")
    before = snapshot(row)
    row.general_score = score
    engine.refresh_row(row)
    row.committee_level = _level("proposed_level", proposed_level) or row.proposed_level
    row.committee_comment = comment.strip()
    row.reviewed_by = actor
    row.reviewed_at = timezone.now()
    if row.stage in (Stage.COMPUTED, Stage.SELF_ASSESSED):
        row.stage = Stage.REVIEWED
    save_audited(
        actor=actor,
        obj=row,
        action="evaluation.review",
        before=before,
        organization_path=row.unit.path,
    )
    return row


@transaction.atomic
def record_meeting(*, actor: Any, evaluation: Evaluation, level: str, note: str = "") -> Evaluation:
    """What the cell's (organization's) meeting proposed for the row."""
    _round, row = _row(actor, evaluation)
    before = snapshot(row)
    row.meeting_level = _level("level", level, required=True)
    row.meeting_note = note.strip()
    if row.stage != Stage.DECIDED:
        row.stage = Stage.MEETING
    save_audited(
        actor=actor,
        obj=row,
        action="evaluation.meeting",
        before=before,
        organization_path=row.unit.path,
    )
    return row


@transaction.atomic
def decide(*, actor: Any, evaluation: Evaluation, final_level: str, reason: str = "") -> Evaluation:
    """The final level. An organization's is decided by the committee directly above it (QĐ 366:
    the superior standing committee). Different from the record's proposal: a written reason."""
    _round, row = _row(actor, evaluation)
    if row.organization_id and row.organization.parent_id:
        require(actor, CHANGE, row.organization.parent)
    level = _level("final_level", final_level, required=True)
    reason = reason.strip()
    if level != row.proposed_level and not reason:
        proposal = Level(row.proposed_level).label if row.proposed_level else "chưa có"
        raise field_error(
            "reason",
            f"Mức quyết định khác mức đề xuất từ dữ liệu ({proposal}): phải ghi rõ lý do.",
        )
    before = snapshot(row)
    row.final_level = level
    row.decision_reason = reason
    row.decided_by = actor
    row.decided_at = timezone.now()
    row.stage = Stage.DECIDED
    save_audited(
        actor=actor,
        obj=row,
        action="evaluation.decide",
        before=before,
        organization_path=row.unit.path,
    )
    return row


def visible(actor: Any, evaluation: Evaluation) -> bool:
    return can(actor, VIEW, evaluation)
