"""Reads for the member pages: restricted, in Vietnamese order, with their prefetching."""

from collections import defaultdict
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from hatnhan.core.restrict import VIEW, ancestor_paths, outermost_paths
from hatnhan.organizations.models import Organization

from .models import COUNTED_STATUSES, CommitteeSeat, Member, MemberTransfer, SeatRole


def member_list(user: Any) -> QuerySet[Member]:
    """The member list's rows before its filters (members.filters.MemberFilter)."""
    return (
        Member.objects.restrict(user, VIEW)
        .select_related("organization")
        .order_by("sort_key", "id")
    )


def viewable_members(user: Any) -> QuerySet[Member]:
    """What a member page looks a member up in: the user's reach (or their own record)."""
    return Member.objects.restrict(user, VIEW).select_related("organization", "account")


def seats_of(member: Member) -> QuerySet[CommitteeSeat]:
    """Current seats first, then past ones, newest first."""
    return (
        CommitteeSeat.objects.filter(member=member)
        .select_related("organization", "term")
        .order_by(
            ExpressionWrapper(Q(end_date__isnull=False), output_field=BooleanField()),
            "-start_date",
            "-id",
        )
    )


def transfers_of(member: Member) -> QuerySet[MemberTransfer]:
    return MemberTransfer.objects.filter(member=member).select_related(
        "from_organization", "to_organization"
    )


# --- on the organization pages and API (registered in apps.py) ---------------------------
# Committee listed the way the party lists it: secretary, deputies, standing, members.
SEAT_ORDER = Case(
    When(role=SeatRole.SECRETARY, then=Value(0)),
    When(role=SeatRole.DEPUTY_SECRETARY, then=Value(1)),
    When(role=SeatRole.STANDING, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def attach_member_counts(nodes: Iterable[Organization]) -> list[Organization]:
    """Set `member_count` (members "đang sinh hoạt", :data:`COUNTED_STATUSES`, in each node's
    whole subtree) with one query."""
    nodes = list(nodes)
    if not nodes:
        return nodes
    prefixes = outermost_paths({n.path for n in nodes})
    per_path = dict(
        Member.objects.filter(status__in=COUNTED_STATUSES)
        .filter(reduce(or_, (Q(organization__path__startswith=p) for p in prefixes)))
        .values_list("organization__path")
        .annotate(n=Count("id"))
        .order_by()
    )
    # Each organization's count added to every ancestor's once: a bloc's page summed every
    # path for every node (50 nodes × 400 paths).
    in_subtree: dict[str, int] = defaultdict(int)
    for path, n in per_path.items():
        for ancestor in ancestor_paths(path):
            in_subtree[ancestor] += n
    for node in nodes:
        node.member_count = in_subtree.get(node.path, 0)
    return nodes


def current_committee(organization: Organization) -> QuerySet[CommitteeSeat]:
    return (
        CommitteeSeat.objects.filter(organization=organization, end_date__isnull=True)
        .select_related("member", "term")
        .annotate(seat_order=SEAT_ORDER)
        .order_by("seat_order", "member__sort_key", "id")
    )


def subtree_members(organization: Organization) -> QuerySet[Member]:
    """Every member of the organization and its sub-organizations, in Vietnamese order."""
    return (
        Member.objects.filter(organization__path__startswith=organization.path)
        .select_related("organization")
        .order_by("sort_key", "id")
    )


def with_member_count(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    """Annotate `member_count`: members in the organization and its whole subtree, one
    correlated subquery per row of the same SQL statement (no query per organization)."""
    counted = (
        Member.objects.filter(
            organization__path__startswith=OuterRef("path"), status__in=COUNTED_STATUSES
        )
        .order_by()
        .annotate(n=Func(F("id"), function="COUNT"))
        .values("n")
    )
    return queryset.annotate(
        member_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    )
