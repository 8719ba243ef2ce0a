"""Demo data: a year of task work in every grassroots organization.

Thousands of tasks in every state (some overdue), with progress reports, acceptance
decisions, extension requests, sub-tasks and recurring monthly reports; then one reminder
sweep for `today` (in-app only) so the notification lists are not empty. Built in memory with
every derived field (original due date, percent, roll-up, search text, state stamps) set as
the services would, then loaded through hatnhan.tasks.bulk, which checks every row and
records one audit event per record. Deterministic for a given rng and today.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from hatnhan.accounts.models import Role, User
from hatnhan.core.text import search_key
from hatnhan.directives.demo import FOCUS_POOL, grassroots_organizations
from hatnhan.directives.models import FocusIssue
from hatnhan.members.models import Member, MemberStatus
from hatnhan.organizations.models import Organization

from .bulk import bulk_create_evidence, bulk_load_tasks
from .models import (
    Acceptance,
    Evidence,
    ExtensionRequest,
    ProgressUpdate,
    Task,
)
from .reminders import send_due_reminders
from .services import add_months

# Per focus issue (same order as FOCUS_POOL): (task title, expected result) templates.
TEMPLATES: list[list[tuple[str, str]]] = [
    [
        (
            "Theo dõi, chấm công và công khai việc chấp hành thời giờ làm việc của {unit}",
            "Bảng theo dõi hằng tuần; 100% trường hợp vi phạm được nhắc nhở, kiểm điểm",
        ),
        (
            "Xây dựng quy chế văn hóa công sở của {unit}",
            "Quy chế được ban hành, niêm yết và phổ biến tới 100% công chức",
        ),
    ],
    [
        (
            "Rà soát, niêm yết công khai thủ tục hành chính tại bộ phận một cửa ({unit})",
            "100% TTHC thuộc thẩm quyền được niêm yết đúng, đủ; không còn hồ sơ yêu cầu "
            "giấy tờ ngoài quy định",
        ),
        (
            "Lắp đặt hòm thư góp ý và đường dây nóng tiếp nhận phản ánh về {unit}",
            "Hòm thư, số điện thoại công khai; phản ánh được trả lời trong 5 ngày làm việc",
        ),
        (
            "Khảo sát sự hài lòng của người dân khi giải quyết TTHC tại {unit}",
            "Ít nhất 100 phiếu khảo sát; báo cáo kết quả và giải pháp gửi cấp ủy",
        ),
    ],
    [
        (
            "Giải quyết hồ sơ TTHC đúng và trước hạn tại {unit}",
            "≥ 98% hồ sơ đúng hạn; báo cáo số hồ sơ trễ hạn và nguyên nhân",
        ),
        (
            "Rút ngắn thời gian giải quyết các thủ tục thường gặp của {unit}",
            "Ít nhất 3 thủ tục rút ngắn ≥ 30% thời gian so với quy định",
        ),
    ],
    [
        (
            "Chuẩn bị nội dung sinh hoạt chi bộ chuyên đề quý",
            "Dự thảo chuyên đề gửi chi ủy trước 5 ngày; ≥ 85% đảng viên dự, ≥ 5 ý kiến thảo luận",
        ),
        (
            "Hoàn thiện biên bản và nghị quyết sinh hoạt chi bộ tháng",
            "Biên bản đủ nội dung, nghị quyết ban hành trong 3 ngày sau cuộc họp",
        ),
    ],
    [
        (
            "Lập bảng phân công nhiệm vụ cho cấp ủy viên, đảng viên của {unit}",
            "Mỗi đảng viên có nhiệm vụ cụ thể, có thời hạn và sản phẩm; bảng được chi bộ thông qua",
        ),
        (
            "Kiểm tra việc thực hiện nhiệm vụ được phân công của đảng viên {unit}",
            "Biên bản kiểm tra; kết luận từng trường hợp chưa hoàn thành",
        ),
    ],
    [
        (
            "Đăng ký việc làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm",
            "100% đảng viên có bản đăng ký gắn với nhiệm vụ chuyên môn",
        ),
        (
            "Xây dựng mô hình điển hình học tập và làm theo Bác tại {unit}",
            "Một mô hình được công nhận; báo cáo kết quả sơ kết",
        ),
    ],
    [
        (
            "Số hóa hồ sơ, tài liệu lưu trữ của {unit}",
            "≥ 80% hồ sơ năm được số hóa, tra cứu được trên hệ thống",
        ),
        (
            "Triển khai phần mềm quản lý văn bản và điều hành tới {unit}",
            "100% văn bản đi/đến xử lý trên phần mềm; không còn văn bản giấy nội bộ",
        ),
    ],
    [
        (
            "Chuẩn bị báo cáo thông báo tình hình thực hiện nhiệm vụ chính trị quý với cấp ủy",
            "Báo cáo của thủ trưởng gửi cấp ủy trước ngày 5 tháng đầu quý",
        ),
        (
            "Tổng hợp chủ trương, nhiệm vụ mới của cơ quan để báo cáo cấp ủy",
            "Danh mục nhiệm vụ mới, người phụ trách và thời hạn",
        ),
    ],
    [
        (
            "Tổ chức thăm hỏi, hỗ trợ cán bộ, công chức có hoàn cảnh khó khăn của {unit}",
            "Danh sách, mức hỗ trợ được công khai; 100% trường hợp được thăm hỏi",
        ),
        (
            "Đề xuất cải thiện điều kiện, phương tiện làm việc của {unit}",
            "Đề xuất có dự toán gửi thủ trưởng cơ quan",
        ),
    ],
    [
        (
            "Nắm bắt tư tưởng cán bộ, đảng viên; báo cáo cấp ủy hằng quý",
            "Báo cáo tình hình tư tưởng quý, nêu rõ vấn đề cần xử lý",
        ),
        (
            "Tự kiểm điểm, đối chiếu 27 biểu hiện suy thoái theo Nghị quyết Trung ương 4",
            "100% đảng viên có bản tự kiểm điểm; chi bộ kết luận từng đồng chí",
        ),
    ],
]
MONTHLY_REPORT = (
    "Báo cáo tình hình thực hiện nhiệm vụ chính trị tháng của {unit}",
    "Báo cáo gửi cấp ủy trước ngày 25 hằng tháng, có số liệu so với kế hoạch",
)
OUTCOMES = [("exceeded", 15), ("met", 60), ("partly_met", 15), ("not_met", 10)]
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
COMMENTS = {
    "exceeded": "Hoàn thành sớm, vượt yêu cầu; đề nghị biểu dương.",
    "met": "Đạt yêu cầu đề ra.",
    "partly_met": "Mới đạt một phần; cần tiếp tục trong kỳ sau.",
    "not_met": "Không đạt yêu cầu; đồng chí phải kiểm điểm, rút kinh nghiệm.",
}


def _stamp(day: dt.date, rng: random.Random) -> dt.datetime:
    """A working-hours moment of `day`, in the site's time zone."""
    moment = dt.datetime.combine(day, dt.time(rng.randint(7, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


class _Builder:
    """Collects rows in memory, then writes each table in a few bulk inserts."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.tasks: list[Task] = []
        self.coworkers: list[tuple[Task, int]] = []
        self.updates: list[ProgressUpdate] = []
        self.acceptances: list[Acceptance] = []
        self.extensions: list[ExtensionRequest] = []
        self.children: dict[int, list[Task]] = defaultdict(list)  # id(parent) -> children
        self.previous: list[tuple[Task, Task]] = []  # (task, previous occurrence)
        self.parent_of: list[tuple[Task, Task]] = []

    def task(
        self,
        *,
        org: Organization,
        title: str,
        expected: str,
        owner: int,
        assigner: User | None,
        decider: User | None,
        start: dt.date,
        due: dt.date,
        focus: FocusIssue | None,
        recurrence: str = "",
        coworkers: list[int] | tuple[int, ...] = (),
        parent: Task | None = None,
        fate: str | None = None,
    ) -> Task:
        rng, today = self.rng, self.today
        due = max(due, start)
        t = Task(
            organization=org,
            title=title,
            expected_result=expected,
            owner_id=owner,
            assigned_by=assigner,
            start_date=start,
            due_date=due,
            original_due_date=due,
            priority=_pick(rng, [("normal", 70), ("high", 20), ("urgent", 4), ("low", 6)]),
            focus_issue=focus,
            source_kind="focus_issue" if focus else "",
            recurrence=recurrence,
            search_text=search_key(title)[:700],
            created_at=_stamp(start, rng),
            status="assigned",
            percent=0,
        )
        # Extensions: asked on some tasks, mostly granted.
        if fate is None and rng.random() < 0.07 and start < today:
            asked = min(today, start + dt.timedelta(days=max(1, (due - start).days // 2)))
            new_due = due + dt.timedelta(days=rng.choice((7, 10, 14, 21)))
            decision = _pick(rng, [("granted", 70), ("refused", 20), ("pending", 10)])
            ext = ExtensionRequest(
                task=t,
                requested_by=None,
                previous_due_date=due,
                requested_due_date=new_due,
                status=decision,
                reason="Chờ số liệu, ý kiến của các phòng liên quan.",
                created_at=_stamp(asked, rng),
            )
            if decision != "pending":
                ext.decided_by = decider
                ext.decided_at = _stamp(min(today, asked + dt.timedelta(days=2)), rng)
                ext.decision_note = "" if decision == "granted" else "Nhiệm vụ gấp, giữ hạn."
            if decision == "granted":
                t.due_date = new_due
            self.extensions.append(ext)
        self._history(t, decider, fate)
        self.tasks.append(t)
        self.coworkers += [(t, c) for c in coworkers if c != owner]
        if parent is not None:
            self.parent_of.append((t, parent))
        return t

    def _history(self, t: Task, decider: User | None, fate: str | None = None) -> None:
        """State, percent and reports by where the task's dates fall against today."""
        rng, today = self.rng, self.today
        if t.start_date > today:
            return
        elapsed = (min(today, t.due_date) - t.start_date).days
        if fate is not None:
            pass
        elif t.due_date < today:
            # Recent deadlines are still being chased; old ones were mostly closed.
            recent = (today - t.due_date).days <= 45
            fate = _pick(
                rng,
                [
                    ("done", 84),
                    ("cancelled", 3),
                    ("late_open", 10 if recent else 2),
                    ("late_awaiting", 4 if recent else 1),
                    ("late_untouched", 3 if recent else 0),
                ],
            )
        else:
            fate = _pick(rng, [("open", 70), ("awaiting", 12), ("untouched", 18)])
            if elapsed < 2 and fate == "awaiting":
                fate = "open"
        if fate in ("untouched", "late_untouched"):
            return
        if fate == "cancelled":
            t.status, t.cancel_reason = "cancelled", "Cơ quan điều chỉnh kế hoạch, không thực hiện."
            t.cancelled_at = _stamp(t.start_date + dt.timedelta(days=elapsed // 2), rng)
            t.cancelled_by = decider
            return
        finished = fate in ("done", "awaiting", "late_awaiting")
        target = 100 if finished else rng.randint(10, 90)
        reports = rng.randint(1, 3)
        percent, created = 0, None
        for i in range(1, reports + 1):
            percent = max(percent + 1, round(target * i / reports)) if i < reports else target
            percent = min(percent, 100)
            day = t.start_date + dt.timedelta(days=max(0, round(elapsed * i / (reports + 1))))
            created = _stamp(min(day, today), rng)
            submitted = finished and i == reports
            self.updates.append(
                ProgressUpdate(
                    task=t,
                    member_id=t.owner_id,
                    percent=percent,
                    submitted=submitted,
                    note=(
                        "Đã hoàn thành, đề nghị nghiệm thu."
                        if submitted
                        else f"Đã thực hiện khoảng {percent}% khối lượng."
                    ),
                    created_at=created,
                )
            )
        t.percent, t.status = percent, "in_progress"
        if finished:
            t.status, t.submitted_at = "awaiting_acceptance", created
        if fate == "done":
            if rng.random() < 0.1:
                self.acceptances.append(
                    Acceptance(
                        task=t,
                        decision="returned",
                        comment="Bổ sung minh chứng, số liệu.",
                        decided_by=decider,
                        created_at=created + dt.timedelta(hours=20),
                    )
                )
            outcome = _pick(rng, OUTCOMES)
            when = min(
                _stamp(min(today, t.due_date + dt.timedelta(days=rng.randint(0, 5))), rng),
                timezone.now(),
            )
            when = min(max(when, created + dt.timedelta(hours=2)), timezone.now())
            self.acceptances.append(
                Acceptance(
                    task=t,
                    decision="accepted",
                    outcome=outcome,
                    comment=COMMENTS[outcome],
                    decided_by=decider,
                    created_at=when,
                )
            )
            t.status, t.outcome, t.accepted_at, t.accepted_by = "done", outcome, when, decider

    def write(self) -> None:
        self._consistent_parents()
        bulk_load_tasks(
            actor=None,
            tasks=self.tasks,
            coworkers=self.coworkers,
            parents=self.parent_of,
            previous=self.previous,
            updates=self.updates,
            acceptances=self.acceptances,
            extensions=self.extensions,
        )

    def _consistent_parents(self) -> None:
        """As the services would have it: a parent with open sub-tasks is still in progress,
        and its percent is the mean of its sub-tasks (done = 100, cancelled left out)."""
        kids: dict[int, list[Task]] = defaultdict(list)
        parents: dict[int, Task] = {}
        for t, p in self.parent_of:
            kids[id(p)].append(t)
            parents[id(p)] = p
        for key, parent in parents.items():
            if parent.status == "cancelled":  # cancelling a parent cancels its open children
                for child in kids[key]:
                    if child.status not in ("done", "cancelled"):
                        child.status = "cancelled"
                        child.cancel_reason = f"Nhiệm vụ cha bị hủy: {parent.cancel_reason}"
                        child.cancelled_at = max(parent.cancelled_at, child.created_at)
                        child.cancelled_by = parent.cancelled_by
                        child.submitted_at = None
                        self.acceptances = [a for a in self.acceptances if a.task is not child]
            live = [c for c in kids[key] if c.status != "cancelled"]
            if any(c.status not in ("done", "cancelled") for c in live) and parent.status in (
                "awaiting_acceptance",
                "done",
            ):
                parent.status, parent.outcome = "in_progress", ""
                parent.submitted_at = parent.accepted_at = parent.accepted_by = None
                self.acceptances = [a for a in self.acceptances if a.task is not parent]
                for update in self.updates:
                    if update.task is parent:
                        update.submitted = False
            if live:
                parent.percent = round(
                    sum(100 if c.status == "done" else c.percent for c in live) / len(live)
                )


class _Org:
    """Who works and who decides in one grassroots organization."""

    def __init__(
        self,
        rng: random.Random,
        owners: list[int],
        secretary: User | None,
        committee: User | None,
        with_account: set[int],
    ) -> None:
        self.rng, self.secretary, self.committee = rng, secretary, committee
        self.assigner_member = getattr(secretary, "member_id", None)
        self.candidates = [m for m in owners if m != self.assigner_member] or owners
        self.favoured = [m for m in self.candidates if m in with_account]

    def owner(self) -> int:
        if self.favoured and self.rng.random() < 0.12:
            return self.rng.choice(self.favoured)
        return self.rng.choice(self.candidates)

    def decider(self, owner_id: int) -> User | None:
        """Never the owner: the secretary, else a committee member, else nobody recorded."""
        if self.secretary is not None and owner_id != self.assigner_member:
            return self.secretary
        if self.committee is not None and self.committee.member_id != owner_id:
            return self.committee
        return None


def populate(*, rng: random.Random, today: dt.date, stdout: Any, scale: float = 1.0) -> None:
    """A year of task work. `scale` (the demo's --scale, which multiplies members) multiplies
    the tasks of each focus issue too, so task pages are tried at the size of the members;
    their progress reports and acceptances follow each task."""
    root = Organization.objects.filter(depth=0).order_by("path").first()
    if root is None:
        return
    members_by_org: dict[str, list[int]] = defaultdict(list)
    for pk, path in (
        Member.objects.filter(status=MemberStatus.ACTIVE)
        .order_by("organization__path", "id")
        .values_list("id", "organization__path")
    ):
        members_by_org[path[:16]].append(pk)
    roles: dict[tuple[int, str], list[User]] = defaultdict(list)
    for role in Role.objects.select_related("user").order_by("id"):
        roles[(role.organization_id, role.role)].append(role.user)
    # Members who have an account get more of the work: the demo's "my tasks" is alive.
    with_account = set(
        User.objects.filter(member__isnull=False).values_list("member_id", flat=True)
    )
    units = dict(Organization.objects.order_by("path").values_list("path", "name"))
    issues = defaultdict(list)
    for issue in FocusIssue.objects.select_related("resolution").order_by("id"):
        issues[issue.organization_id].append(issue)
    pool_index = {title: i for i, (title, _, _) in enumerate(FOCUS_POOL)}

    b = _Builder(rng, today)
    for org in grassroots_organizations():
        owners = members_by_org.get(org.path[:16], [])
        if not owners:
            continue
        secretary = (roles.get((org.pk, "secretary")) or [None])[0]
        committee = (roles.get((org.pk, "committee")) or [secretary])[0]
        who = _Org(rng, owners, secretary, committee, with_account)
        unit_names = [name for path, name in units.items() if path.startswith(org.path)]
        for issue in issues.get(org.pk, []):
            templates = TEMPLATES[pool_index.get(issue.title, 0)]
            r = issue.resolution
            count = rng.randint(2, 5) if r.kind == "monthly" else rng.randint(2, 3)
            count = max(1, round(count * scale))  # the same draws at any scale
            for _ in range(count):
                title, expected = rng.choice(templates)
                title = title.format(unit=rng.choice(unit_names))
                o = who.owner()
                start = r.adopted_on
                if r.kind == "monthly":
                    due = min(r.period_end, start + dt.timedelta(days=rng.randint(7, 25)))
                else:
                    due = start + dt.timedelta(days=rng.randint(60, 330))
                helpers = rng.sample(
                    who.candidates, k=min(len(who.candidates), rng.choice((0, 0, 1, 2)))
                )
                t = b.task(
                    org=org,
                    title=title,
                    expected=expected,
                    owner=o,
                    assigner=secretary,
                    decider=who.decider(o),
                    start=start,
                    due=due,
                    focus=issue,
                    coworkers=helpers,
                )
                if r.kind == "annual" and rng.random() < 0.4:
                    # A long task broken into sub-tasks whose progress rolls up.
                    for step in range(rng.randint(2, 4)):
                        s_start = start + dt.timedelta(days=step * 20)
                        s_due = min(due, s_start + dt.timedelta(days=rng.randint(10, 40)))
                        so = who.owner()
                        b.task(
                            org=org,
                            title=f"Bước {step + 1}: {title}",
                            expected=expected,
                            owner=so,
                            assigner=secretary,
                            decider=who.decider(so),
                            start=s_start,
                            due=s_due,
                            focus=issue,
                            parent=t,
                        )
        # One recurring monthly report per organization: a year of occurrences in a series.
        reporter = who.owner()
        first = today.replace(day=1)
        previous = None
        for back in range(11, -1, -1):
            start = add_months(first, -back)
            t = b.task(
                org=org,
                title=MONTHLY_REPORT[0].format(unit=org.agency_name or org.name),
                expected=MONTHLY_REPORT[1],
                owner=reporter,
                assigner=secretary,
                decider=who.decider(reporter),
                start=start,
                due=start.replace(day=25),
                focus=None,
                recurrence="monthly",
            )
            if previous is not None:
                b.previous.append((t, previous))
            previous = t
    _personal(b, today, grassroots_organizations(), members_by_org, roles, rng)
    b.write()
    evidence = _evidence(rng, today, with_account)
    result = send_due_reminders(today=today, email=False)
    counts: dict[str, int] = defaultdict(int)
    for t in b.tasks:
        counts[t.status] += 1
    overdue = sum(1 for t in b.tasks if t.overdue_on(today))
    stdout.write(
        f"  … {len(b.tasks)} nhiệm vụ ({counts['done']} hoàn thành, {overdue} quá hạn, "
        f"{counts['awaiting_acceptance']} chờ nghiệm thu), {len(b.updates)} báo cáo "
        f"tiến độ, {evidence} minh chứng, "
        f"{result.due_soon + result.due_today + result.overdue} nhắc hạn"
    )


# (start offset, due offset, fate) from today: what a demo account's "my tasks" shows.
PERSONAL = [
    (-10, 2, "open"),
    (-3, 5, "untouched"),
    (-14, 0, "open"),
    (-20, -3, "late_open"),
    (-5, 20, "open"),
    (-15, 4, "awaiting"),
    (-40, -10, "done"),
    (-70, -35, "done"),
]


def _personal(
    b: _Builder,
    today: dt.date,
    orgs: list[Organization],
    members_by_org: dict[str, list[int]],
    roles: dict[tuple[int, str], list[User]],
    rng: random.Random,
) -> None:
    """Every account linked to a member gets current work in each state, assigned by the
    secretary (or, for the secretary, by the bloc's staff), so the demo's phone pages and
    the committee's acceptance queue have something to show on any day."""
    root = Organization.objects.filter(depth=0).order_by("path").first()
    bloc_staff = next(
        (
            u
            for (org_id, role), users in sorted(roles.items(), key=lambda kv: (kv[0][0], kv[0][1]))
            if org_id == root.pk and role == "staff"
            for u in users
        ),
        None,
    )
    latest: dict[int, FocusIssue] = {}
    for issue in FocusIssue.objects.select_related("resolution").order_by(
        "resolution__adopted_on", "id"
    ):
        latest[issue.organization_id] = issue
    accounts = User.objects.filter(member__isnull=False, is_active=True).order_by("username")
    for user in accounts:
        org = next((o for o in orgs if user.member_id in members_by_org.get(o.path[:16], [])), None)
        if org is None:
            continue
        secretary = (roles.get((org.pk, "secretary")) or [None])[0]
        assigner = (
            secretary if secretary and secretary.member_id != user.member_id else (bloc_staff)
        )
        issue = latest.get(org.pk)
        templates = TEMPLATES[rng.randrange(len(TEMPLATES))]
        for i, (start, due, fate) in enumerate(PERSONAL):
            title, expected = templates[i % len(templates)]
            b.task(
                org=org,
                title=title.format(unit=org.agency_name or org.name),
                expected=expected,
                owner=user.member_id,
                assigner=assigner,
                decider=assigner,
                start=today + dt.timedelta(days=start),
                due=today + dt.timedelta(days=due),
                focus=issue,
                fate=fate,
            )


def _evidence(rng: random.Random, today: dt.date, with_account: set[int]) -> int:
    """A small photo on the latest report of demo accounts' tasks, so pages show evidence."""
    updates = list(
        ProgressUpdate.objects.filter(task__owner_id__in=with_account)
        .select_related("task__organization")
        .order_by("task_id", "-created_at", "-id")
    )
    seen: set[int] = set()
    made: list[Evidence] = []
    for update in updates:
        if update.task_id in seen or len(made) >= 60:
            continue
        seen.add(update.task_id)
        if rng.random() < 0.5:
            continue
        evidence = Evidence(
            task=update.task,
            progress_update=update,
            file_kind="png",
            file_name=f"anh-minh-chung-{len(made) + 1}.png",
            file_size=len(PNG),
            created_at=update.created_at,
        )
        name = f"{Evidence.STORAGE_FOLDER}/demo/{uuid.UUID(int=rng.getrandbits(128)).hex}.png"
        # Straight to storage: the field's upload_to would draw a random name.
        evidence.file.name = default_storage.save(name, ContentFile(PNG))
        made.append(evidence)
    bulk_create_evidence(actor=None, evidence=made)
    return len(made)
