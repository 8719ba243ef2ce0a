"""Reads for the home page and the global search. The portal is the edge layer: it may read
every app, and nothing below it reads it."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from hatnhan.audit.models import AuditEvent
from hatnhan.core.filters import matching
from hatnhan.core.restrict import VIEW, has_any_role, reach, restrict
from hatnhan.members.models import COUNTED_STATUSES, Member
from hatnhan.organizations.models import PATH_SEGMENT_WIDTH, Organization
from hatnhan.tasks import selectors as task_selectors
from hatnhan.tasks.models import OPEN_STATUSES

# Rows per list on the home page; the full list is one link away.
HOME_ROWS = 6
# How far ahead "the week's deadlines" look (today included).
WEEK_DAYS = 7
# Organizations in the "most overdue work" ranking.
RANKED_ORGANIZATIONS = 8
RECENT_CHANGES = 8
# Latest events read to find RECENT_CHANGES distinct ones; bounded whatever the trail's size.
RECENT_WINDOW = 200
# Bookkeeping events that accompany a meaningful one (the state change a progress report
# makes, the evidence it carries) or that say nothing to a reader of the record.
QUIET_ACTIONS = frozenset({"task.progress_state", "task.evidence", "token.create"})
QUIET_PREFIXES = ("demo.",)
# Roles that lead an organization's work (acceptance, deadlines) and roles that watch many.
LEADING_ROLES = ("secretary", "committee")
WATCHING_ROLES = ("admin", "staff", "inspector")


@dataclass
class Overview:
    organizations: int
    members: int
    probationary: int
    seats: int


def overview(user: Any) -> Overview:
    """Counts over the user's reach, in two aggregate queries."""
    orgs = Organization.objects.restrict(user, VIEW).filter(is_active=True).count()
    members = (
        Member.objects.restrict(user, VIEW)
        .filter(status__in=COUNTED_STATUSES)
        .aggregate(
            total=Count("id", distinct=True),
            probationary=Count("id", filter=Q(full_membership_date__isnull=True), distinct=True),
            seats=Count("seats", filter=Q(seats__end_date__isnull=True), distinct=True),
        )
    )
    return Overview(orgs, members["total"], members["probationary"], members["seats"])


@dataclass
class Listing:
    """The first rows of a list and how many it holds, so the page can say "and 12 more"."""

    rows: list[Any]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def listing(qs: QuerySet[Any], limit: int = HOME_ROWS) -> Listing:
    return Listing(list(qs[:limit]), qs.count())


@dataclass
class LeaderWork:
    """A secretary's or committee member's desk: what awaits their acceptance, what is
    overdue in their organizations, and what falls due this week."""

    awaiting_acceptance: Listing
    overdue: Listing
    this_week: Listing
    week_end: dt.date


def week_end(today: dt.date) -> dt.date:
    """The last day of "the week's deadlines", today included."""
    return today + dt.timedelta(days=WEEK_DAYS - 1)


def leader_work(user: Any, *, today: dt.date) -> LeaderWork:
    last = week_end(today)
    return LeaderWork(
        awaiting_acceptance=listing(task_selectors.awaiting_acceptance(user)),
        overdue=listing(task_selectors.task_list(user).overdue(today)),
        this_week=listing(
            task_selectors.task_list(user).filter(
                status__in=OPEN_STATUSES, due_date__gte=today, due_date__lte=last
            )
        ),
        week_end=last,
    )


@dataclass
class OrganizationLoad:
    organization: Organization
    overdue: int


def most_overdue(user: Any, *, today: dt.date, limit: int = RANKED_ORGANIZATIONS) -> list[Any]:
    """The organizations one level below each top of the user's reach (the grassroots
    organizations, for the bloc), ranked by their subtree's overdue tasks. One grouped
    query per depth of those tops (one in practice), and one for the organizations."""
    tops = reach(user, VIEW)
    counts: dict[str, int] = {}
    for length in sorted({len(p) for p in tops}):
        unit = Substr("organization__path", 1, length + PATH_SEGMENT_WIDTH + 1)
        scope = Q()
        for path in (p for p in tops if len(p) == length):
            scope |= Q(organization__path__startswith=path)
        rows = (
            task_selectors.visible_tasks(user)
            .overdue(today)
            .filter(scope)
            .annotate(unit=unit)
            .values("unit")
            .annotate(n=Count("id"))
            .order_by("-n", "unit")[:limit]
        )
        counts |= {row["unit"]: row["n"] for row in rows}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    organizations = {
        o.path: o for o in Organization.objects.filter(path__in=[p for p, _ in ranked])
    }
    return [OrganizationLoad(organizations[p], n) for p, n in ranked if p in organizations]


def recent_changes(user: Any, limit: int = RECENT_CHANGES) -> list[AuditEvent]:
    """The latest meaningful changes in the user's own organizations, each once: one line
    per thing changed and per action a person took (one request writes several events)."""
    events = (
        restrict(AuditEvent.objects.all(), user, VIEW)
        .exclude(action__in=QUIET_ACTIONS)
        .select_related("actor__member")
        .order_by("-id")
    )
    for prefix in QUIET_PREFIXES:
        events = events.exclude(action__startswith=prefix)
    shown: list[AuditEvent] = []
    seen: set[tuple[str, str]] = set()
    for event in events[:RECENT_WINDOW]:
        keys = {("object", f"{event.object_type}:{event.object_id}")}
        if event.request_id:
            keys.add(("request", event.request_id))
        if keys & seen:
            continue
        seen |= keys
        shown.append(event)
        if len(shown) == limit:
            break
    return shown


@dataclass
class Home:
    member_tasks: task_selectors.MyTasks | None = None
    leader: LeaderWork | None = None
    watched: list[OrganizationLoad] = field(default_factory=list)
    watches: bool = False


def home(user: Any, *, today: dt.date | None = None) -> Home:
    """What each role finds waiting on the home page; a person may hold several roles."""
    today = today or timezone.localdate()
    result = Home()
    if getattr(user, "member_id", None):
        result.member_tasks = task_selectors.my_tasks(user, today=today, soon_days=WEEK_DAYS)
    if has_any_role(user, *LEADING_ROLES):
        result.leader = leader_work(user, today=today)
    if has_any_role(user, *WATCHING_ROLES):
        result.watches = True
        result.watched = most_overdue(user, today=today)
    return result


def search_members(user: Any, query: str) -> QuerySet[Member]:
    return matching(
        Member.objects.restrict(user, VIEW).select_related("organization"), query
    ).order_by("sort_key", "id")


def search_organizations(user: Any, query: str) -> QuerySet[Organization]:
    return matching(Organization.objects.restrict(user, VIEW), query).order_by("path")
