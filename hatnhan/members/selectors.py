"""Reads for the member pages: restricted, in Vietnamese order, with their prefetching."""

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from hatnhan.core.restrict import VIEW

from .models import CommitteeSeat, Member, MemberTransfer


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
