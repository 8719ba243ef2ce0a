"""The engine: a round's rows from the record (metrics.py) and the rulebook's rules (data).

It knows rule *kinds*, never a regulation:

- ``exclusion``: ``{"statuses": [...]}`` leaves out members in those statuses;
  ``{"admitted_within_months": n, "enabled": bool}`` those admitted less than n months before
  the period ends. ``reason`` is shown on the row.
- ``level`` (one per level, highest first by ``position``): ``{"min_score": n, "conditions":
  [{"metric", "op", "value", "label"}]}``; the first level whose score and every condition
  pass is proposed, else "not completed". ``metric`` "score" is the total.
- ``cap``: ``{"when": {"metric", "op", "value"}, "max_level": level, "label"}``: when the
  condition holds, the proposal is no higher than ``max_level``.
- ``quota``: ``{"level", "of_level", "max_share", "enabled"}``: checked over each grassroots
  organization's rows and shown on the round and on the rows, never applied by itself.

Any value may be ``{"setting": NAME}`` (conf.resolve). Every rule applied goes into the row's
explanation as ``{rule, clause, passed, detail}``: "why not excellent" is the excellent
rule's line.
"""

import datetime as dt
import functools
import hashlib
import json
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from hatnhan.core.bulk import JSONText, insert_rows
from hatnhan.core.restrict import ancestor_paths
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.models import Organization, OrganizationKind

from . import conf
from .metrics import Metrics, collect, derived
from .models import (
    LEVEL_ORDER,
    Evaluation,
    Level,
    Round,
    RoundStatus,
    Rule,
    RuleKind,
    SubjectKind,
    level_rank,
)

OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
BATCH = 500
# The statuses a round takes in: the rest (transferred out, deceased, expelled) are no longer
# the organization's to review.
IN_ROUND = (MemberStatus.ACTIVE, MemberStatus.SUSPENDED, MemberStatus.EXEMPT)
GRASSROOTS = (OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL)
# Fields the engine writes; what people enter (self-assessment, scores, levels, comments) is
# never among them, so a recomputation keeps it.
COMPUTED_FIELDS = [
    "unit",
    "sort_key",
    "excluded",
    "excluded_reason",
    "metrics",
    "task_score",
    "total_score",
    "proposed_level",
    "explanation",
]


def line(rule: Rule | None, passed: bool, detail: str, code: str = "", clause: str = "") -> dict:
    return {
        "rule": rule.code if rule else code,
        "clause": rule.clause if rule else clause,
        "passed": bool(passed),
        "detail": detail,
    }


def _fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value * 100:.0f}%" if 0 <= value <= 1 else f"{value:g}"
    if isinstance(value, bool):
        return "có" if value else "không"
    return str(value)


def check(condition: dict[str, Any], metrics: Metrics) -> tuple[bool, str]:
    """One condition against the metrics, with a readable account of it."""
    name = condition["metric"]
    value = metrics.get(name)
    target = conf.resolve(condition["value"])
    label = condition.get("label", name)
    if value is None:
        return False, f"{label}: không có số liệu (không có nhiệm vụ trong kỳ)"
    passed = OPS[condition["op"]](value, target)
    return passed, f"{label}: {_fmt(value)} (cần {condition['op']} {_fmt(target)})"


# --- scores ------------------------------------------------------------------------------------
def task_score(metrics: Metrics) -> Decimal | None:
    """The task part (settings: EVALUATION_TASK_POINTS, _OUTCOME_WEIGHTS, _LATE_FACTOR): the
    mean over tasks due of outcome weight × (1 on time, else the late factor); open tasks 0.
    Every task on time and met or exceeded gives the full points."""
    due = metrics.get("tasks_due") or 0
    if not due:
        points = conf.no_task_points()
        return None if points is None else Decimal(str(points)).quantize(Decimal("0.01"))
    weights, late = conf.outcome_weights(), conf.late_factor()
    earned = 0.0
    for outcome, weight in weights.items():
        on_time = metrics.get(f"on_time_{outcome}", 0)
        done = metrics.get(f"tasks_{outcome}", 0)
        earned += weight * (on_time + late * (done - on_time))
    score = conf.task_points() * earned / due
    return Decimal(str(round(score, 2))).quantize(Decimal("0.01"))


def general_part(evaluation: Evaluation) -> tuple[int | None, str]:
    if evaluation.general_score is not None:
        return evaluation.general_score, "điểm tiêu chí chung do cấp ủy chấm"
    if evaluation.self_general_score is not None:
        return evaluation.self_general_score, "điểm tiêu chí chung tự chấm (cấp ủy chưa chấm)"
    return None, "chưa chấm tiêu chí chung: tính tạm với tối đa 30 điểm"


# --- applying the rules ------------------------------------------------------------------------
def exclusion(rules: Iterable[Rule], member: Any, round: Round) -> tuple[str, list[dict]]:
    """The reason a member is left out ("" when reviewed), and the exclusion rules' lines."""
    lines = []
    reason = ""
    for rule in rules:
        p = rule.params
        if "statuses" in p:
            hit = member.status in p["statuses"]
            lines.append(line(rule, not hit, f"Tình trạng: {_status_label(member.status)}"))
        elif "admitted_within_months" in p:
            if not conf.resolve(p.get("enabled", True)):
                continue
            months = int(conf.resolve(p["admitted_within_months"]))
            joined = member.probationary_date
            cutoff = _months_before(round.period_end, months)
            hit = joined is not None and joined > cutoff
            when = f"{joined:%d/%m/%Y}" if joined else "—"
            lines.append(line(rule, not hit, f"Ngày vào Đảng {when}; mốc {cutoff:%d/%m/%Y}"))
        else:
            continue
        if hit and not reason:
            reason = str(p.get("reason") or rule.summary)
    return reason, lines


@functools.cache
def _status_label(status: str) -> str:
    # Like every line of the explanation, stored in Vietnamese whatever the reader's language;
    # cached because a lazy label costs more than the rest of a row's rules.
    with translation.override("vi"):
        return str(MemberStatus(status).label)


@functools.cache
def _level_label(level: str) -> str:
    with translation.override("vi"):
        return str(Level(level).label)


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def apply_rules(
    rules: list[Rule], metrics: Metrics, evaluation: Evaluation
) -> tuple[Decimal | None, Decimal | None, str, list[dict]]:
    """(task score, total, proposed level, explanation) of one row, from its metrics."""
    lines: list[dict] = []
    score = task_score(metrics)
    general, general_note = general_part(evaluation)
    if score is None:
        lines.append(
            line(
                None,
                False,
                "Không có nhiệm vụ đến hạn trong kỳ: phần kết quả nhiệm vụ do cấp ủy đánh giá "
                "(cài đặt EVALUATION_NO_TASK_POINTS), không tự cho điểm tối đa.",
                code="no-tasks",
                clause="REGULATIONS.md §1 (chưa xác nhận)",
            )
        )
        return None, None, "", lines
    total = score + general if general is not None else None
    reachable = total if total is not None else score + 30
    values = metrics | {"score": float(reachable)}
    proposed = ""
    for rule in (r for r in rules if r.kind == RuleKind.LEVEL):
        parts: list[str] = []
        ok = True
        min_score = rule.params.get("min_score")
        if min_score is not None:
            target = conf.resolve(min_score)
            passed = reachable >= Decimal(str(target))
            ok &= passed
            parts.append(f"điểm {reachable} (cần ≥ {target}; {general_note})")
        for condition in rule.params.get("conditions", []):
            passed, detail = check(condition, values)
            ok &= passed
            parts.append(detail)
        lines.append(line(rule, ok, "; ".join(parts) or rule.summary))
        if ok and not proposed:
            proposed = rule.level
    proposed = proposed or Level.NOT_COMPLETED
    for rule in (r for r in rules if r.kind == RuleKind.CAP):
        hit, detail = check(rule.params["when"], values)
        cap = rule.params["max_level"]
        lines.append(line(rule, not hit, f"{detail} → không cao hơn “{_level_label(cap)}”"))
        if hit and level_rank(proposed) < level_rank(cap):
            proposed = cap
    return score, total, proposed, lines


# --- quotas ------------------------------------------------------------------------------------
def quota_notes(round: Round, rules: list[Rule], rows: list[Evaluation]) -> list[dict]:
    """Each quota over each grassroots organization's rows: checked and shown, not applied.
    The rows over it get the quota's line in their explanation."""
    notes = []
    quota_rules = [r for r in rules if r.kind == RuleKind.QUOTA]
    if not quota_rules:
        return notes
    groups: dict[int, list[Evaluation]] = defaultdict(list)
    grassroots = _grassroots_of(round, {row.unit_id for row in rows})
    for row in rows:
        if not row.excluded:
            groups[grassroots[row.unit_id]].append(row)
    names = dict(Organization.objects.filter(pk__in=groups).values_list("pk", "name"))
    for rule in quota_rules:
        p = rule.params
        if not conf.resolve(p.get("enabled", True)):
            continue
        share = float(conf.resolve(p["max_share"]))
        for org_id, members in sorted(groups.items()):
            level_of = [r.final_level or r.committee_level or r.proposed_level for r in members]
            top = sum(1 for lv in level_of if lv == p["level"])
            base = sum(1 for lv in level_of if lv in (p["level"], p["of_level"]))
            allowed = int(share * base)
            passed = top <= allowed
            detail = (
                f"{names.get(org_id, '')}: {top} “{_level_label(p['level'])}” / {base} từ "
                f"“{_level_label(p['of_level'])}” trở lên; tối đa {allowed} ({share:.0%})"
            )
            notes.append(line(rule, passed, detail) | {"organization": org_id})
            if not passed:
                for row, lv in zip(members, level_of, strict=True):
                    if lv == p["level"]:
                        row.explanation = [*row.explanation, line(rule, False, detail)]
    return notes


def _grassroots_of(round: Round, unit_ids: set[int]) -> dict[int, int]:
    """Each unit's grassroots organization (its nearest ancestor of that kind, or the round's)."""
    orgs = list(
        Organization.objects.filter(path__startswith=round.organization.path).values_list(
            "pk", "path", "kind"
        )
    )
    grassroots = sorted(((path, pk) for pk, path, kind in orgs if kind in GRASSROOTS), reverse=True)
    out = {}
    for pk, path, _kind in orgs:
        if pk in unit_ids:
            out[pk] = next((g for p, g in grassroots if path.startswith(p)), round.organization_id)
    return out


# --- the round ---------------------------------------------------------------------------------
def rules_of(round: Round, subject: str) -> list[Rule]:
    return [r for r in round.rulebook.rules.all() if r.subject == subject]


class _Row:
    """A row as the engine builds it: Evaluation's columns by attname and nothing else. Three
    thousand model instances, with the JSON of the rows already there decoded to compare them,
    cost more than every source's query together (docs/benchmarks.md, the review round)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


@functools.cache
def _blank() -> dict[str, Any]:
    """A new row's columns as Evaluation() sets them (the JSON defaults are never mutated:
    the engine replaces metrics and explanation, and leaves records as it is)."""
    blank = Evaluation()
    return {f.attname: getattr(blank, f.attname) for f in Evaluation._meta.concrete_fields}


# What a recomputation reads of the rows already there: enough to apply the rules (the general
# score), check quotas and rate organizations (the levels people gave), keep a departed
# member's unit and sort key, and tell a changed row by its digest.
_ENTERED = (
    "pk",
    "member_id",
    "organization_id",
    "unit_id",
    "sort_key",
    "computed_digest",
    "general_score",
    "self_general_score",
    "committee_level",
    "final_level",
)


def _entered(round: Round) -> dict[tuple[str, int], dict[str, Any]]:
    rows = Evaluation.objects.filter(round=round).order_by().values_list(*_ENTERED)
    out = {}
    for values in rows:
        row = dict(zip(_ENTERED, values, strict=True))
        key = ("member", row["member_id"]) if row["member_id"] else ("org", row["organization_id"])
        out[key] = row
    return out


def _new_row(round: Round, entered: dict[str, Any] | None, **subject: int) -> _Row:
    row = _Row(_blank())
    row.round_id = round.pk
    row.id = None
    row.stored_digest = None
    if entered is not None:
        row.__dict__.update(entered)
        row.id = entered["pk"]
        row.stored_digest = entered["computed_digest"]
    row.__dict__.update(subject)
    return row


def _encoded(row: Any) -> tuple[str, JSONText, JSONText]:
    """A row's digest, and its metrics and explanation as the JSON the write stores: each
    encoded once, for both. Keys stay in the order the engine builds them (the same for the
    same record; sorting them would double the cost). A row read back from PostgreSQL (whose
    JSONB reorders keys) may digest differently for the same content: that row is written
    once more at the next recomputation, and a change is never missed."""
    metrics = JSONText(json.dumps(row.metrics))
    explanation = JSONText(json.dumps(row.explanation))
    scalars = json.dumps(
        [str(v) if isinstance(v, Decimal) else v for v in map(row.__getattribute__, _SCALARS)]
    )
    text = f"{scalars}\n{metrics}\n{explanation}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest(), metrics, explanation


def digest(row: Any) -> str:
    """A row's computed fields in 32 hex digits: what a recomputation compares instead of
    reading every row's JSON back."""
    return _encoded(row)[0]


def compute(round: Round, *, today: dt.date | None = None) -> Round:
    """(Re)compute every row of the round from the record as it is now. Rows keep what people
    entered; the row of a member no longer in the round (transferred out of the subtree, or
    out of the statuses a round takes in) keeps what was entered and is marked excluded."""
    today = today or timezone.localdate()
    round = Round.objects.select_related("organization", "rulebook").get(pk=round.pk)
    rules = list(round.rulebook.rules.all())
    member_rules = [r for r in rules if r.subject == SubjectKind.MEMBER]
    org_rules = [r for r in rules if r.subject == SubjectKind.ORGANIZATION]
    path = round.organization.path
    members = (
        list(
            Member.objects.filter(organization__path__startswith=path, status__in=IN_ROUND)
            .order_by("pk")
            .values_list(
                "pk", "status", "probationary_date", "organization_id", "sort_key", named=True
            )
        )
        if round.wants("member")
        else []
    )
    organizations = (
        list(Organization.objects.filter(path__startswith=path, is_active=True).order_by("path"))
        if round.wants("organization")
        else []
    )
    Round.objects.filter(pk=round.pk).update(
        status=RoundStatus.COMPUTING, progress=0, total=len(members) + len(organizations), error=""
    )
    entered = _entered(round)
    rows: list[_Row] = []
    done = 0
    for start in range(0, len(members), BATCH):
        batch = members[start : start + BATCH]
        rows += _member_rows(round, member_rules, batch, today, entered)
        done += len(batch)
        Round.objects.filter(pk=round.pk).update(progress=done)
    rows += _departed_rows(round, {m.pk for m in members}, entered)
    if organizations:
        rows += _organization_rows(round, org_rules, organizations, rows, today, entered)
    member_rows = [r for r in rows if r.member_id]
    notes = quota_notes(round, member_rules + org_rules, member_rows)
    _save([r for r in rows if r.member_id], "member")
    _save([r for r in rows if r.organization_id], "organization")
    Round.objects.filter(pk=round.pk).update(
        status=RoundStatus.COMPUTED,
        progress=len(members) + len(organizations),
        computed_at=timezone.now(),
        quota_notes=notes,
    )
    round.refresh_from_db()
    return round


# The computed fields besides the two JSON documents (a digest covers them all).
_SCALARS = [
    Evaluation._meta.get_field(name).attname
    for name in COMPUTED_FIELDS
    if name not in ("metrics", "explanation")
]


def _save(rows: list[_Row], key: str) -> None:
    """Write the new rows and the rows whose computed fields changed, in one upsert: existing
    rows get the computed fields only (what people entered stays as it is in the table). A
    recomputation over an unchanged record writes nothing. Django's bulk_update would build a
    CASE per row and field, and bulk_create converts every value through its expression
    machinery: both many times the database's own work at a thousand rows."""
    changed = []
    for row in rows:
        row.computed_digest, metrics, explanation = _encoded(row)
        if row.id is None or row.stored_digest != row.computed_digest:
            row.metrics, row.explanation = metrics, explanation
            changed.append(row)
    with transaction.atomic():
        insert_rows(
            changed,
            model=Evaluation,
            unique_fields=["round", key],
            update_fields=[*COMPUTED_FIELDS, "computed_digest"],
        )


def _fill(row: _Row, rules: list[Rule], metrics: Metrics, pre: list[dict]) -> None:
    row.metrics = metrics
    if row.excluded:
        row.task_score = row.total_score = None
        row.proposed_level = ""
        row.explanation = pre
        return
    score, total, proposed, lines = apply_rules(rules, metrics, row)
    row.task_score, row.total_score, row.proposed_level = score, total, proposed
    row.explanation = pre + lines


def _member_rows(
    round: Round,
    rules: list[Rule],
    members: list[Any],
    today: dt.date,
    entered: dict[tuple[str, int], dict[str, Any]],
) -> list[_Row]:
    found = collect(round, SubjectKind.MEMBER, [m.pk for m in members], today)
    exclusions = [r for r in rules if r.kind == RuleKind.EXCLUSION]
    rows = []
    for member in members:
        row = _new_row(round, entered.get(("member", member.pk)), member_id=member.pk)
        row.unit_id = member.organization_id
        row.sort_key = member.sort_key
        reason, pre = exclusion(exclusions, member, round)
        row.excluded, row.excluded_reason = bool(reason), reason
        _fill(row, rules, derived(found[member.pk]), pre)
        rows.append(row)
    return rows


# The per-unit counter of disciplined members, beside the levels' (not a level name).
DISCIPLINED = "disciplined"
DEPARTED = "Không còn thuộc đợt đánh giá khi tính lại (chuyển sinh hoạt hoặc thôi sinh hoạt)"


def _departed_rows(
    round: Round, present: set[int], entered: dict[tuple[str, int], dict[str, Any]]
) -> list[_Row]:
    """Rows of members the round no longer takes in: kept with what was entered, excluded.
    Their unit and sort key stay as they were (read with the rest by _entered)."""
    gone = [e for (kind, pk), e in entered.items() if kind == "member" and pk not in present]
    if not gone:
        return []
    rows = []
    for e in gone:
        row = _new_row(round, e, member_id=e["member_id"])
        row.excluded, row.excluded_reason = True, DEPARTED
        _fill(row, [], {}, [line(None, False, DEPARTED, code="departed", clause="")])
        rows.append(row)
    return rows


def _organization_rows(
    round: Round,
    rules: list[Rule],
    organizations: list[Organization],
    member_rows: list[_Row],
    today: dt.date,
    entered: dict[tuple[str, int], dict[str, Any]],
) -> list[_Row]:
    ids = [o.pk for o in organizations]
    found = collect(round, SubjectKind.ORGANIZATION, ids, today)
    by_path = {o.path: o.pk for o in organizations}
    units = dict(
        Organization.objects.filter(pk__in={r.unit_id for r in member_rows}).values_list(
            "pk", "path"
        )
    )
    # Members counted per unit, then each unit's counts added once to every rated
    # organization above it: not every member row read once per organization (a bloc's
    # 3,000 × 300 was most of a round), nor every member's ancestors walked.
    per_unit: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in member_rows:
        if not r.excluded and r.unit_id in units:
            counts = per_unit[r.unit_id]
            counts[r.final_level or r.proposed_level or "none"] += 1
            counts[DISCIPLINED] += bool(r.metrics.get("discipline_count"))
    levels: dict[int, dict[str, int]] = {pk: defaultdict(int) for pk in ids}
    for unit_id, counts in per_unit.items():
        for path in ancestor_paths(units[unit_id]):
            if (pk := by_path.get(path)) is not None:
                for key, n in counts.items():
                    levels[pk][key] += n
    rows = []
    for organization in organizations:
        counted = levels[organization.pk]
        metrics = derived(found[organization.pk]) | {
            f"members_{lv}": counted.get(lv, 0) for lv in [*LEVEL_ORDER, "none"]
        }
        metrics["members_disciplined"] = counted.get(DISCIPLINED, 0)
        row = _new_row(
            round, entered.get(("org", organization.pk)), organization_id=organization.pk
        )
        row.unit_id = organization.pk
        row.sort_key = organization.path
        row.excluded, row.excluded_reason = False, ""
        _fill(row, rules, metrics, [])
        rows.append(row)
    return rows


def refresh_row(evaluation: Evaluation) -> None:
    """Re-apply the rules to one row's stored metrics (after a general score is entered)."""
    if evaluation.excluded:
        return
    rules = rules_of(evaluation.round, evaluation.subject_kind)
    score, total, proposed, lines = apply_rules(rules, evaluation.metrics, evaluation)
    pre = [e for e in evaluation.explanation if e["rule"] in _exclusion_codes(rules)]
    quota = [e for e in evaluation.explanation if e["rule"] in _quota_codes(rules)]
    evaluation.task_score, evaluation.total_score = score, total
    evaluation.proposed_level = proposed
    evaluation.explanation = pre + lines + quota
    evaluation.computed_digest = digest(evaluation)


def _exclusion_codes(rules: list[Rule]) -> set[str]:
    return {r.code for r in rules if r.kind == RuleKind.EXCLUSION}


def _quota_codes(rules: list[Rule]) -> set[str]:
    return {r.code for r in rules if r.kind == RuleKind.QUOTA}
