"""A deterministic, realistic dataset of any size for trying the system at national scale
(`hatnhan synth --members N --seed S`): organizations in a tree, members, committee seats, a
year of tasks with progress reports and acceptances, and one chained audit event per member.

Rows are loaded by `core.bulk.load_rows` — PostgreSQL COPY, multi-row inserts on SQLite —
with ids chosen here, so that rows can point at each other without reading ids back. The
proportions follow the party's (issue 13): about 100 members per grassroots organization
(5.6 M members in ~55 k of them, each with its cells) and 3–4 tasks per member and year
(~20 M tasks). Not a demo: no
accounts, no files; the same seed and size always give the same rows.

It lives in the edge layer because it writes the tables of every app below.
"""

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from hatnhan.audit.services import EventSpec, record_events, snapshot
from hatnhan.core.bulk import load_rows, next_id, reset_sequence
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


class _Loader:
    """Objects of one model gathered and loaded a chunk at a time, ids assigned here."""

    def __init__(self, model: type[models.Model], counts: Counts, name: str) -> None:
        self.model, self.counts, self.name = model, counts, name
        self.next = next_id(model)
        self.pending: list[models.Model] = []

    def add(self, obj: models.Model) -> models.Model:
        obj.pk = self.next
        self.next += 1
        self.pending.append(obj)
        if len(self.pending) >= CHUNK:
            self.flush()
        return obj

    def flush(self) -> None:
        start = time.perf_counter()
        load_rows(self.pending)
        setattr(self.counts, self.name, getattr(self.counts, self.name) + len(self.pending))
        self.counts.seconds[self.name] = self.counts.seconds.get(self.name, 0.0) + (
            time.perf_counter() - start
        )
        self.pending = []

    def close(self) -> None:
        self.flush()
        reset_sequence(self.model)


def _tree(rng: random.Random, members: int, counts: Counts) -> list[Organization]:
    """The organizations; returns the cells, where members belong."""
    orgs = _Loader(Organization, counts, "organizations")
    cells_needed = max(1, -(-members // MEMBERS_PER_CELL))
    grassroots_needed = max(1, -(-cells_needed // CELLS_PER_GRASSROOTS))
    committees_needed = max(1, -(-grassroots_needed // GRASSROOTS_PER_COMMITTEE))
    tag = f"S{orgs.next}"  # codes unique even when synth runs twice on one database

    def make(code: str, name: str, kind: str, parent: Organization | None) -> Organization:
        org = Organization(code=code, name=name, kind=kind, agency_name="")
        orgs.add(org)
        org.parent = parent
        org.path = (parent.path if parent else "") + _segment(org.pk)
        org.depth = parent.depth + 1 if parent else 0
        org.search_text = search_key(f"{name} {code}")
        return org

    root = make(f"{tag}", "Đảng bộ Tổng hợp (dữ liệu thử)", OrganizationKind.BLOC_COMMITTEE, None)
    cells: list[Organization] = []
    for c in range(committees_needed):
        committee = make(
            f"{tag}-{c + 1}",
            f"Đảng bộ cấp trên số {c + 1}",
            OrganizationKind.BLOC_COMMITTEE,
            root,
        )
        for g in range(GRASSROOTS_PER_COMMITTEE):
            if len(cells) >= cells_needed:
                break
            grassroots = make(
                f"{tag}-{c + 1}-{g + 1}",
                f"Đảng bộ cơ sở {c + 1}.{g + 1}",
                OrganizationKind.GRASSROOTS_COMMITTEE,
                committee,
            )
            for k in range(CELLS_PER_GRASSROOTS):
                if len(cells) >= cells_needed:
                    break
                cells.append(
                    make(
                        f"{tag}-{c + 1}-{g + 1}-{k + 1}",
                        f"Chi bộ {k + 1} (ĐBCS {c + 1}.{g + 1})",
                        OrganizationKind.CELL,
                        grassroots,
                    )
                )
    orgs.close()
    return cells


def _member(rng: random.Random, cell: Organization, card: int, today: dt.date) -> Member:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    born = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(0, 15_000))
    joined = born + dt.timedelta(days=365 * 19 + rng.randrange(0, 4000))
    joined = min(joined, today - dt.timedelta(days=30))
    full = joined + dt.timedelta(days=366) if joined + dt.timedelta(days=366) < today else None
    member = Member(
        full_name=name,
        date_of_birth=born,
        gender=rng.choice(["male", "female"]),
        party_card_number=f"{card:011d}",
        probationary_date=joined,
        full_membership_date=full,
    )
    member.organization = cell
    member.sort_key = vietnamese_sort_key(name)
    member.search_text = search_key(f"{name} {member.party_card_number}")
    return member


def synthesize(
    *, members: int, seed: int, today: dt.date, progress: Callable[[str], None] = print
) -> Counts:
    """Generate the dataset in one transaction (all or nothing)."""
    rng = random.Random(seed)
    # Its own generator: the co-workers added later leave every other generated row as it was.
    co_rng = random.Random(f"{seed}-coworkers")
    counts = Counts()
    with transaction.atomic():
        cells = _tree(rng, members, counts)
        progress(f"{counts.organizations} tổ chức")
        people = _Loader(Member, counts, "members")
        seats = _Loader(CommitteeSeat, counts, "seats")
        tasks = _Loader(Task, counts, "tasks")
        reports = _Loader(ProgressUpdate, counts, "progress_updates")
        decisions = _Loader(Acceptance, counts, "acceptances")
        coworkers = _Loader(TaskCoworker, counts, "coworkers")
        first_card = 90_000_000_000 + people.next
        year_ago = today - dt.timedelta(days=365)
        events: list[EventSpec] = []
        audit_seconds = 0.0
        per_cell = -(-members // len(cells))
        made = 0
        for cell in cells:
            in_cell: list[Member] = []
            for _ in range(min(per_cell, members - made)):
                member = people.add(_member(rng, cell, first_card + made, today))
                in_cell.append(member)
                events.append(
                    EventSpec(
                        action="member.create",
                        obj=member,
                        organization_path=cell.path,
                        after=snapshot(member),
                    )
                )
                made += 1
            if not in_cell:
                continue
            for role, holder in zip(
                (SeatRole.SECRETARY, SeatRole.DEPUTY_SECRETARY), in_cell[:2], strict=False
            ):
                seat = CommitteeSeat(role=role, start_date=year_ago)
                seat.member, seat.organization = holder, cell
                seats.add(seat)
            for _ in range(round(len(in_cell) * TASKS_PER_MEMBER)):
                owner = rng.choice(in_cell)
                task = _task(rng, cell, owner, today, tasks, reports, decisions)
                if len(in_cell) > 1 and co_rng.random() < COWORKED_SHARE:
                    link = TaskCoworker()
                    link.task = task
                    link.member = co_rng.choice([m for m in in_cell if m is not owner])
                    coworkers.add(link)
            if len(events) >= CHUNK:
                # The members' rows are in before their events name them.
                people.flush()
                start = time.perf_counter()
                record_events(actor=None, events=events)
                audit_seconds += time.perf_counter() - start
                counts.audit_events += len(events)
                events = []
                progress(f"{made} đảng viên, {tasks.next} nhiệm vụ")
        for loader in (people, seats, tasks, reports, decisions, coworkers):
            loader.close()
        start = time.perf_counter()
        record_events(actor=None, events=events)
        counts.audit_events += len(events)
        counts.seconds["audit_events"] = audit_seconds + time.perf_counter() - start
    return counts


def _task(
    rng: random.Random,
    cell: Organization,
    owner: Member,
    today: dt.date,
    tasks: _Loader,
    reports: _Loader,
    decisions: _Loader,
) -> Task:
    title, expected = rng.choice(TASKS)
    start = today - dt.timedelta(days=rng.randrange(0, 365))
    due = start + dt.timedelta(days=rng.randrange(7, 120))
    fate = rng.random()
    if due < today and fate < 0.7:
        status, percent = TaskStatus.DONE, 100
    elif fate < 0.05:
        status, percent = TaskStatus.AWAITING_ACCEPTANCE, 100
    elif fate < 0.6:
        status, percent = TaskStatus.IN_PROGRESS, rng.choice((20, 40, 50, 70, 90))
    else:
        status, percent = TaskStatus.ASSIGNED, 0
    created = timezone.make_aware(dt.datetime.combine(start, dt.time(8, 0)))
    task = Task(
        title=title.format(unit=cell.name),
        expected_result=expected,
        start_date=start,
        due_date=due,
        original_due_date=due,
        status=status,
        percent=percent,
        created_at=created,
    )
    task.organization, task.owner = cell, owner
    task.search_text = search_key(task.title)
    steps = [p for p in (30, 60, 100) if p <= percent] or ([percent] if percent else [])
    reported = created
    if status in {TaskStatus.DONE, TaskStatus.AWAITING_ACCEPTANCE}:
        task.submitted_at = created + dt.timedelta(days=max(1, (due - start).days - 2))
    if status == TaskStatus.DONE:
        task.outcome = rng.choice([Outcome.MET, Outcome.MET, Outcome.EXCEEDED, Outcome.PARTLY_MET])
        task.accepted_at = task.submitted_at + dt.timedelta(days=rng.randrange(1, 6))
    tasks.add(task)
    for n, step in enumerate(steps, start=1):
        reported = min(
            created + dt.timedelta(days=n * max(1, (due - start).days // (len(steps) + 1))),
            timezone.make_aware(dt.datetime.combine(today, dt.time(7, 0))),
        )
        update = ProgressUpdate(
            percent=step, note=f"Đã thực hiện {step}%.", submitted=step == 100, created_at=reported
        )
        update.task, update.member = task, owner
        reports.add(update)
    if status == TaskStatus.DONE:
        decision = Acceptance(
            decision=AcceptanceDecision.ACCEPTED, outcome=task.outcome, created_at=task.accepted_at
        )
        decision.task = task
        decisions.add(decision)
    return task


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
