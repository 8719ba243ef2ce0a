"""Reads for the member pages: restricted, in Vietnamese order, with their prefetching."""

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from hatnhan.core.restrict import VIEW
from hatnhan.core.text import search_key
from hatnhan.organizations.models import Organization

from .models import CommitteeSeat, Member, MemberTransfer


def matching(qs: QuerySet[Any], query: str, column: str = "search_text") -> QuerySet[Any]:
    """Rows whose diacritic-free search column holds every word of the query, in any order:
    "nguyen quang tung", "Tùng Nguyễn" and an NFD-typed "Nguyễn" all find "Nguyễn Quang Tùng"."""
    for word in search_key(query).split():
        qs = qs.filter(**{f"{column}__contains": word})
    return qs


def member_list(
    user: Any,
    *,
    organization: Organization | None = None,
    status: str = "",
    query: str = "",
) -> QuerySet[Member]:
    qs = Member.objects.restrict(user, VIEW).select_related("organization")
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = matching(qs, query)
    return qs.order_by("sort_key", "id")


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
