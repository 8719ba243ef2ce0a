"""Reads for the organization pages, with the prefetching they need.

Member counts per node come from one aggregate query over the shown subtrees (members
grouped by their organization's path), summed per node in Python: the number of queries
does not grow with nodes or members."""

from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from hatnhan.core.restrict import VIEW, reach
from hatnhan.members.models import COUNTED_STATUSES, CommitteeSeat, Member, SeatRole

from .models import Organization, Term

# Committee listed the way the party lists it: secretary, deputies, standing, members.
SEAT_ORDER = Case(
    When(role=SeatRole.SECRETARY, then=Value(0)),
    When(role=SeatRole.DEPUTY_SECRETARY, then=Value(1)),
    When(role=SeatRole.STANDING, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def with_child_counts(qs: QuerySet[Organization]) -> QuerySet[Organization]:
    return qs.annotate(child_count=Count("children", distinct=True))


def attach_member_counts(nodes: Iterable[Organization]) -> list[Organization]:
    """Set `member_count` (members "đang sinh hoạt", :data:`COUNTED_STATUSES`, in each node's
    whole subtree) with one query."""
    nodes = list(nodes)
    if not nodes:
        return nodes
    prefixes = _outermost({n.path for n in nodes})
    per_path = dict(
        Member.objects.filter(status__in=COUNTED_STATUSES)
        .filter(reduce(or_, (Q(organization__path__startswith=p) for p in prefixes)))
        .values_list("organization__path")
        .annotate(n=Count("id"))
        .order_by()
    )
    for node in nodes:
        node.member_count = sum(n for path, n in per_path.items() if path.startswith(node.path))
    return nodes


def _outermost(paths: set[str]) -> list[str]:
    kept: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def tree_roots(user: Any) -> list[Organization]:
    """The top organizations of the user's reach, each with its children loaded one level."""
    paths = reach(user, VIEW)
    if not paths:
        return []
    roots = list(with_child_counts(Organization.objects.filter(path__in=paths)).order_by("path"))
    children = list(
        with_child_counts(
            Organization.objects.filter(parent__in=roots).restrict(user, VIEW)
        ).order_by("code")
    )
    attach_member_counts(roots + children)
    by_parent: dict[int, list[Organization]] = {}
    for child in children:
        by_parent.setdefault(child.parent_id, []).append(child)
    for root in roots:
        root.loaded_children = by_parent.get(root.pk, [])
    return roots


def children_of(user: Any, organization: Organization) -> list[Organization]:
    return attach_member_counts(
        with_child_counts(
            Organization.objects.filter(parent=organization).restrict(user, VIEW)
        ).order_by("code")
    )


def ancestors_in_reach(user: Any, organization: Organization) -> list[Organization]:
    """The breadcrumb: the organization's ancestors the user may see, top first."""
    segments = organization.path.split(".")[:-1]
    paths = [".".join(segments[:i]) + "." for i in range(1, len(segments))]
    if not paths:
        return []
    return list(Organization.objects.filter(path__in=paths).restrict(user, VIEW).order_by("path"))


def current_committee(organization: Organization) -> QuerySet[CommitteeSeat]:
    return (
        CommitteeSeat.objects.filter(organization=organization, end_date__isnull=True)
        .select_related("member", "term")
        .annotate(seat_order=SEAT_ORDER)
        .order_by("seat_order", "member__sort_key", "id")
    )


def terms_of(organization: Organization) -> QuerySet[Term]:
    return Term.objects.filter(organization=organization).order_by("-start_date")


def subtree_members(organization: Organization) -> QuerySet[Member]:
    """Every member of the organization and its sub-organizations, in Vietnamese order."""
    return (
        Member.objects.filter(organization__path__startswith=organization.path)
        .select_related("organization")
        .order_by("sort_key", "id")
    )


def organization_choices(user: Any, action: str) -> QuerySet[Organization]:
    """Organizations the user may pick in a form (as a place to act on), tree order."""
    return Organization.objects.restrict(user, action).filter(is_active=True).order_by("path")
