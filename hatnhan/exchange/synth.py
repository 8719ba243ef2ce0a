"""A deterministic, realistic dataset of any size for trying the system at national scale
(`hatnhan synth --members N --seed S`): organizations in a tree, members, committee seats, a
year of tasks with progress reports and acceptances, and one chained audit event per member.

Rows are built as tuples of database values, never model instances (at 5.6 M members that
is 82 M rows: a model instance each cost more than PostgreSQL's own work, docs/benchmarks.md),
and loaded a chunk at a time by `core.bulk.load_tuples` — PostgreSQL COPY, `executemany` on
SQLite — with ids chosen here, so that rows can point at each other without reading ids
back. On PostgreSQL the tables' secondary indexes and foreign keys are dropped for the load
and built again at the end (`core.bulk.without_secondary_indexes`). The proportions follow
the party's (issue 13): about 100 members per grassroots organization (5.6 M members in ~55 k
of them, each with its cells) and 3–4 tasks per member and year (~20 M tasks). Not a demo:
no accounts, no files; the same seed and size always give the same rows (only the
timestamps of the run itself — `created_at`/`updated_at` of organizations, members and
seats, tasks' `updated_at`, the events' time and so their hashes — differ between runs).

It lives in the edge layer because it writes the tables of every app below.
"""

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import BulkChain, snapshot
from hatnhan.core.bulk import (
    datetime_text,
    default_values,
    load_tuples,
    next_id,
    reset_sequence,
    without_secondary_indexes,
)
from hatnhan.core.text import search_key, vietnamese_sort_key
from hatnhan.members.models import CommitteeSeat, Member, SeatRole
from hatnhan.organizations.models import PATH_SEGMENT_WIDTH, Organization, OrganizationKind
from hatnhan.tasks.models import (
    Acceptance,
    AcceptanceDecision,
    Outcome,
    ProgressUpdate,
    Task,
    TaskCoworker,
    TaskStatus,
)

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân", "Hồng", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
    "Hạnh",
    "Khoa",
    "Linh",
    "Nhung",
    "Oanh",
    "Phương",
    "Thắng",
    "Vinh",
]
TASKS = [
    ("Rà soát hồ sơ đảng viên của {unit}", "Hồ sơ đầy đủ, cập nhật"),
    ("Xây dựng kế hoạch học tập nghị quyết tại {unit}", "Kế hoạch được cấp ủy thông qua"),
    ("Báo cáo kết quả thực hiện chuyên đề quý ở {unit}", "Báo cáo gửi đúng hạn"),
    ("Kiểm tra việc thực hiện quy chế làm việc của {unit}", "Biên bản kiểm tra"),
    ("Đôn đốc thu nộp đảng phí tại {unit}", "Thu đủ, nộp đúng hạn"),
]
MEMBERS_PER_CELL = 20  # ~100 members per grassroots organization (5 cells): 55 k at 5.6 M
CELLS_PER_GRASSROOTS = 5
GRASSROOTS_PER_COMMITTEE = 40
TASKS_PER_MEMBER = 3.6
# A share of tasks with one co-worker from the owner's cell: a member's own tasks are what
# they own or work on, and the restriction reads both (the EXPLAIN check needs the rows).
COWORKED_SHARE = 0.25
CHUNK = 20_000  # rows per load: memory stays bounded at any size
# From this size on PostgreSQL, indexes are dropped and rebuilt around the load (below it,
# rebuilding the indexes of the rows already there would cost more than it saves).
REBUILD_INDEXES_FROM = 10_000
TABLES: tuple[type[models.Model], ...] = (
    Organization,
    Member,
    CommitteeSeat,
    Task,
    ProgressUpdate,
    Acceptance,
    TaskCoworker,
    AuditEvent,
)


@dataclass
class Counts:
    organizations: int = 0
    members: int = 0
    seats: int = 0
    tasks: int = 0
    progress_updates: int = 0
    acceptances: int = 0
    coworkers: int = 0
    audit_events: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def rows(self) -> int:
        return (
            self.organizations
            + self.members
            + self.seats
            + self.tasks
            + self.progress_updates
            + self.acceptances
            + self.coworkers
            + self.audit_events
        )


def _segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}."


class _Table:
    """Rows of one model gathered as tuples and loaded a chunk at a time. `columns` are the
    values each row gives (the id first); the model's other columns take what a new instance
    would store, the same for every row, appended once per row as one tuple."""

    def __init__(
        self,
        model: type[models.Model],
        columns: Sequence[str],
        counts: Counts,
        name: str,
        now: dt.datetime,
    ) -> None:
        self.model, self.counts, self.name = model, counts, name
        fixed = default_values(model, columns, now)
        self.columns = (*columns, *fixed)
        self.fixed = tuple(fixed.values())
        self.next = next_id(model)
        self.pending: list[tuple[Any, ...]] = []

    def add(self, row: tuple[Any, ...]) -> None:
        self.pending.append(row + self.fixed)
        if len(self.pending) >= CHUNK:
            self.flush()

    def take_id(self) -> int:
        pk = self.next
        self.next += 1
        return pk

    def flush(self) -> None:
        start = time.perf_counter()
        load_tuples(self.model, self.columns, self.pending)
        setattr(self.counts, self.name, getattr(self.counts, self.name) + len(self.pending))
        self.counts.seconds[self.name] = self.counts.seconds.get(self.name, 0.0) + (
            time.perf_counter() - start
        )
        self.pending = []

    def close(self) -> None:
        self.flush()
        reset_sequence(self.model)


@dataclass(frozen=True, slots=True)
class _Cell:
    pk: int
    path: str
    name: str


def _tree(members: int, counts: Counts, now: dt.datetime) -> list[_Cell]:
    """The organizations; returns the cells, where members belong."""
    orgs = _Table(
        Organization,
        ("id", "code", "name", "kind", "parent_id", "path", "depth", "search_text"),
        counts,
        "organizations",
        now,
    )
    cells_needed = max(1, -(-members // MEMBERS_PER_CELL))
    grassroots_needed = max(1, -(-cells_needed // CELLS_PER_GRASSROOTS))
    committees_needed = max(1, -(-grassroots_needed // GRASSROOTS_PER_COMMITTEE))
    tag = f"S{orgs.next}"  # codes unique even when synth runs twice on one database

    def make(code: str, name: str, kind: str, parent: tuple[int, str, int] | None) -> tuple:
        pk = orgs.take_id()
        path = (parent[1] if parent else "") + _segment(pk)
        depth = parent[2] + 1 if parent else 0
        orgs.add(
            (pk, code, name, kind, parent[0] if parent else None, path, depth,
             search_key(f"{name} {code}"))
        )  # fmt: skip
        return pk, path, depth

    root = make(tag, "Đảng bộ Tổng hợp (dữ liệu thử)", OrganizationKind.BLOC_COMMITTEE.value, None)
    cells: list[_Cell] = []
    for c in range(committees_needed):
        committee = make(
            f"{tag}-{c + 1}",
            f"Đảng bộ cấp trên số {c + 1}",
            OrganizationKind.BLOC_COMMITTEE.value,
            root,
        )
        for g in range(GRASSROOTS_PER_COMMITTEE):
            if len(cells) >= cells_needed:
                break
            grassroots = make(
                f"{tag}-{c + 1}-{g + 1}",
                f"Đảng bộ cơ sở {c + 1}.{g + 1}",
                OrganizationKind.GRASSROOTS_COMMITTEE.value,
                committee,
            )
            for k in range(CELLS_PER_GRASSROOTS):
                if len(cells) >= cells_needed:
                    break
                name = f"Chi bộ {k + 1} (ĐBCS {c + 1}.{g + 1})"
                pk, path, _depth = make(
                    f"{tag}-{c + 1}-{g + 1}-{k + 1}", name, OrganizationKind.CELL.value, grassroots
                )
                cells.append(_Cell(pk, path, name))
    orgs.close()
    return cells


class _Days:
    """Dates and the moments made of them as database text, each computed once: a year of
    tasks uses a few hundred distinct days, not millions."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self._dates: dict[dt.date, str] = {}
        self._at8: dict[dt.date, str] = {}
        self.report_cap = datetime_text(
            timezone.make_aware(dt.datetime.combine(today, dt.time(7, 0)))
        )

    def date(self, day: dt.date) -> str:
        text = self._dates.get(day)
        if text is None:
            text = self._dates[day] = day.isoformat()
        return text

    def at8(self, day: dt.date) -> str:
        """08:00 local on `day`: when a task starts; a whole number of days after it is
        08:00 local again (aware arithmetic keeps the wall clock)."""
        text = self._at8.get(day)
        if text is None:
            moment = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0)))
            text = self._at8[day] = datetime_text(moment)
        return text


# Values of the choices as plain text, looked up once.
_DONE, _AWAITING = TaskStatus.DONE.value, TaskStatus.AWAITING_ACCEPTANCE.value
_IN_PROGRESS, _ASSIGNED = TaskStatus.IN_PROGRESS.value, TaskStatus.ASSIGNED.value
_OUTCOMES = [Outcome.MET.value, Outcome.MET.value, Outcome.EXCEEDED.value, Outcome.PARTLY_MET.value]
_ACCEPTED = AcceptanceDecision.ACCEPTED.value
_SEAT_ROLES = (SeatRole.SECRETARY.value, SeatRole.DEPUTY_SECRETARY.value)
_NOTES = {step: f"Đã thực hiện {step}%." for step in range(101)}


class _Names:
    """A name's sort and search keys, computed once per distinct name (16 × 12 × 30)."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[str, str]] = {}

    def keys(self, name: str) -> tuple[str, str]:
        found = self._keys.get(name)
        if found is None:
            found = self._keys[name] = (vietnamese_sort_key(name), search_key(name))
        return found


class _Snapshots:
    """A member's audit snapshot from its row: the keys :func:`audit.services.snapshot`
    takes of a Member (asked of it once), each from its column."""

    def __init__(self, people: _Table) -> None:
        keys = list(snapshot(Member()).keys())
        at = {name: i for i, name in enumerate(people.columns)}
        self.pick = [(key, at[key] if key in at else at[f"{key}_id"]) for key in keys]

    def of(self, row: tuple[Any, ...]) -> dict[str, Any]:
        return {key: row[i] for key, i in self.pick}


def synthesize(
    *,
    members: int,
    seed: int,
    today: dt.date,
    progress: Callable[[str], None] = print,
    rebuild_indexes: bool | None = None,
    analyze: bool = True,
) -> Counts:
    """Generate the dataset in one transaction (all or nothing). `rebuild_indexes`: drop the
    tables' secondary indexes and foreign keys for the load and build them again after
    (PostgreSQL; by default from REBUILD_INDEXES_FROM members). `analyze`: ANALYZE the
    tables at the end, so that the planner knows their new size at once."""
    if rebuild_indexes is None:
        rebuild_indexes = members >= REBUILD_INDEXES_FROM
    counts = Counts()
    with transaction.atomic():
        if rebuild_indexes:
            with without_secondary_indexes(TABLES, counts.seconds):
                _generate(members=members, seed=seed, today=today, progress=progress, counts=counts)
        else:
            _generate(members=members, seed=seed, today=today, progress=progress, counts=counts)
        if analyze and connection.vendor == "postgresql":
            start = time.perf_counter()
            with connection.cursor() as cursor:
                for model in TABLES:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            counts.seconds["analyze"] = time.perf_counter() - start
        start = time.perf_counter()
    counts.seconds["commit"] = time.perf_counter() - start
    return counts


def _generate(
    *, members: int, seed: int, today: dt.date, progress: Callable[[str], None], counts: Counts
) -> None:
    # The random draws, their order and the ids are those of the instance-by-instance
    # generator this replaced: the same seed gives the same rows (docs/benchmarks.md).
    rng = random.Random(seed)
    # Its own generator: the co-workers added later leave every other generated row as it was.
    co_rng = random.Random(f"{seed}-coworkers")
    now = timezone.now()
    cells = _tree(members, counts, now)
    progress(f"{counts.organizations} tổ chức")
    people = _Table(
        Member,
        ("id", "full_name", "date_of_birth", "gender", "party_card_number",
         "probationary_date", "full_membership_date", "organization_id", "sort_key",
         "search_text"),
        counts, "members", now,
    )  # fmt: skip
    seats = _Table(
        CommitteeSeat,
        ("id", "member_id", "organization_id", "role", "start_date"),
        counts,
        "seats",
        now,
    )
    tasks = _Table(
        Task,
        ("id", "organization_id", "title", "expected_result", "owner_id", "start_date",
         "due_date", "original_due_date", "status", "percent", "submitted_at", "outcome",
         "accepted_at", "search_text", "created_at"),
        counts, "tasks", now,
    )  # fmt: skip
    reports = _Table(
        ProgressUpdate,
        ("id", "task_id", "member_id", "percent", "note", "submitted", "created_at"),
        counts,
        "progress_updates",
        now,
    )
    decisions = _Table(
        Acceptance,
        ("id", "created_at", "task_id", "decision", "outcome"),
        counts,
        "acceptances",
        now,
    )
    coworkers = _Table(TaskCoworker, ("id", "task_id", "member_id"), counts, "coworkers", now)
    events = _Table(
        AuditEvent,
        ("id", "created_at", "actor_name", "action", "object_type", "object_id", "object_repr",
         "organization_path", "filed_path", "after", "seq", "prev_hash", "hash", "key_id"),
        counts, "audit_events", now,
    )  # fmt: skip
    chain = BulkChain()
    snapshots = _Snapshots(people)
    names, days = _Names(), _Days(today)
    first_card = 90_000_000_000 + people.next
    year_ago = days.date(today - dt.timedelta(days=365))
    member_type = Member._meta.label_lower
    per_cell = -(-members // len(cells))
    made = 0
    # One moment per chunk of events, as record_events gives one per call.
    event_time = timezone.now().astimezone(dt.UTC)
    event_text = datetime_text(event_time)
    in_chunk = 0
    choice, randrange, rand = rng.choice, rng.randrange, rng.random
    born_from, thirty_days = dt.date(1955, 1, 1), dt.timedelta(days=30)
    one_year, nineteen = dt.timedelta(days=366), 365 * 19
    latest_join = today - thirty_days
    for cell in cells:
        in_cell: list[int] = []
        for _ in range(min(per_cell, members - made)):
            name = f"{choice(FAMILY)} {choice(MIDDLE)} {choice(GIVEN)}"
            born = born_from + dt.timedelta(days=randrange(0, 15_000))
            joined = born + dt.timedelta(days=nineteen + randrange(0, 4000))
            joined = min(joined, latest_join)
            full = joined + one_year if joined + one_year < today else None
            card = f"{first_card + made:011d}"
            sort_key, name_key = names.keys(name)
            pk = people.take_id()
            row = (
                pk, name, days.date(born), choice(["male", "female"]), card, days.date(joined),
                days.date(full) if full else None, cell.pk, sort_key, f"{name_key} {card}",
            )  # fmt: skip
            people.add(row)
            in_cell.append(pk)
            after = snapshots.of(row + people.fixed)
            seq, prev_hash, hash_ = chain.link(
                created_at=event_time,
                action="member.create",
                object_type=member_type,
                object_id=str(pk),
                object_repr=name,
                organization_path=cell.path,
                after=after,
            )
            events.add(
                (events.take_id(), event_text, chain.actor_name, "member.create", member_type,
                 str(pk), name[:255], cell.path, cell.path, json.dumps(after), seq, prev_hash,
                 hash_, chain.key_id)
            )  # fmt: skip
            in_chunk += 1
            made += 1
        if not in_cell:
            continue
        for role, holder in zip(_SEAT_ROLES, in_cell[:2], strict=False):
            seats.add((seats.take_id(), holder, cell.pk, role, year_ago))
        titles = [(t.format(unit=cell.name), e) for t, e in TASKS]
        title_keys = {title: search_key(title) for title, _ in titles}
        for _ in range(round(len(in_cell) * TASKS_PER_MEMBER)):
            owner = choice(in_cell)
            title, expected = choice(titles)
            start = today - dt.timedelta(days=randrange(0, 365))
            due = start + dt.timedelta(days=randrange(7, 120))
            fate = rand()
            if due < today and fate < 0.7:
                status, percent = _DONE, 100
            elif fate < 0.05:
                status, percent = _AWAITING, 100
            elif fate < 0.6:
                status, percent = _IN_PROGRESS, choice((20, 40, 50, 70, 90))
            else:
                status, percent = _ASSIGNED, 0
            span = (due - start).days
            submitted = accepted = None
            outcome = ""
            if status in (_DONE, _AWAITING):
                submitted_day = start + dt.timedelta(days=max(1, span - 2))
                submitted = days.at8(submitted_day)
            if status == _DONE:
                outcome = choice(_OUTCOMES)
                accepted_day = submitted_day + dt.timedelta(days=randrange(1, 6))
                accepted = days.at8(accepted_day)
            task = tasks.take_id()
            due_text = days.date(due)
            tasks.add(
                (task, cell.pk, title, expected, owner, days.date(start), due_text, due_text,
                 status, percent, submitted, outcome, accepted, title_keys[title],
                 days.at8(start))
            )  # fmt: skip
            steps = [p for p in (30, 60, 100) if p <= percent] or ([percent] if percent else [])
            gap = max(1, span // (len(steps) + 1))
            for n, step in enumerate(steps, start=1):
                day = start + dt.timedelta(days=n * gap)
                reported = days.at8(day) if day < today else days.report_cap
                reports.add(
                    (reports.take_id(), task, owner, step, _NOTES[step], step == 100, reported)
                )
            if status == _DONE:
                decisions.add((decisions.take_id(), accepted, task, _ACCEPTED, outcome))
            if len(in_cell) > 1 and co_rng.random() < COWORKED_SHARE:
                worker = co_rng.choice([m for m in in_cell if m != owner])
                coworkers.add((coworkers.take_id(), task, worker))
        if in_chunk >= CHUNK:
            event_time = timezone.now().astimezone(dt.UTC)
            event_text = datetime_text(event_time)
            in_chunk = 0
            progress(f"{made} đảng viên, {tasks.next} nhiệm vụ")
    for table in (people, seats, tasks, reports, decisions, coworkers, events):
        table.close()


def describe(counts: Counts, elapsed: float) -> dict[str, Any]:
    return {
        "organizations": counts.organizations,
        "members": counts.members,
        "seats": counts.seats,
        "tasks": counts.tasks,
        "progress_updates": counts.progress_updates,
        "acceptances": counts.acceptances,
        "coworkers": counts.coworkers,
        "audit_events": counts.audit_events,
        "rows": counts.rows(),
        "seconds": round(elapsed, 2),
        "rows_per_second": round(counts.rows() / elapsed) if elapsed else 0,
        "load_seconds": {k: round(v, 2) for k, v in counts.seconds.items()},
    }
