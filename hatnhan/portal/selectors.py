"""Reads for the landing page and the global search."""

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Q, QuerySet

from hatnhan.audit.models import AuditEvent
from hatnhan.core.restrict import VIEW, reach
from hatnhan.members.models import Member, MemberStatus
from hatnhan.members.selectors import matching
from hatnhan.organizations.models import Organization


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
        .filter(status=MemberStatus.ACTIVE)
        .aggregate(
            total=Count("id", distinct=True),
            probationary=Count("id", filter=Q(full_membership_date__isnull=True), distinct=True),
            seats=Count("seats", filter=Q(seats__end_date__isnull=True), distinct=True),
        )
    )
    return Overview(orgs, members["total"], members["probationary"], members["seats"])


def recent_changes(user: Any, limit: int = 8) -> QuerySet[AuditEvent]:
    """The latest audited changes inside the user's reach (events carry their organization)."""
    paths = reach(user, VIEW)
    if not paths:
        return AuditEvent.objects.none()
    condition = reduce(or_, (Q(organization_path__startswith=p) for p in paths))
    return AuditEvent.objects.filter(condition).order_by("-id")[:limit]


def search_members(user: Any, query: str) -> QuerySet[Member]:
    return matching(
        Member.objects.restrict(user, VIEW).select_related("organization"), query
    ).order_by("sort_key", "id")


def search_organizations(user: Any, query: str) -> QuerySet[Organization]:
    return matching(Organization.objects.restrict(user, VIEW), query).order_by("path")
