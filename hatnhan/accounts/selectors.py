from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from hatnhan.audit.models import AuditEvent
from hatnhan.core.restrict import MANAGE, restrict
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization

from .models import Role, RoleName, User


def demo_accounts() -> list[tuple[str, list[User]]]:
    """Demo mode only: every active account grouped by role (role order as declared),
    each with its organizations, for the login page."""
    roles = Role.objects.select_related("organization").order_by("organization__path")
    users = (
        User.objects.filter(is_active=True, roles__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("roles", queryset=roles))
        .order_by("username")
    )
    grouped: dict[str, list[User]] = {value: [] for value in RoleName.values}
    for user in users:
        user.role_list = list(user.roles.all())
        first = min(user.role_list, key=lambda r: RoleName.values.index(r.role))
        grouped[first.role].append(user)
    labels = dict(RoleName.choices)
    return [(labels[role], accounts) for role, accounts in grouped.items() if accounts]


# --- account administration --------------------------------------------------------------
def manageable_accounts(actor: Any) -> QuerySet[User]:
    """The accounts an administrator sees: holding a role in an organization of their MANAGE
    reach, or belonging to a member there (through the one restriction, core.restrict). Acting
    on one as a whole asks more (accounts.services.require_account)."""
    roles = restrict(Role.objects.all(), actor, MANAGE).values("user")
    members = restrict(Member.objects.all(), actor, MANAGE).values("pk")
    return User.objects.filter(Q(pk__in=roles) | Q(member__in=members))


def account_list(actor: Any) -> QuerySet[User]:
    """The account list's rows before its filters (accounts.filters.AccountFilter): in the
    Vietnamese order of their members' names, accounts of no member after, by login name."""
    roles = Role.objects.select_related("organization").order_by("organization__path", "role")
    return (
        manageable_accounts(actor)
        .select_related("member__organization")
        .prefetch_related(Prefetch("roles", queryset=roles))
        .order_by(F("member__sort_key").asc(nulls_last=True), "username", "pk")
    )


def account_roles(user: User) -> QuerySet[Role]:
    return (
        Role.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__path", "role")
    )


def history_objects(user: User, roles: list[Role]) -> list[Any]:
    """The account with every role it holds or ever held (a revoked role's events stay on its
    id), for one timeline on the account page."""
    ever = AuditEvent.objects.filter(
        object_type=Role._meta.label_lower, action="role.grant", after__user=user.pk
    ).values_list("object_id", flat=True)
    held = {str(r.pk) for r in roles}
    past = [Role(pk=int(pk)) for pk in ever if pk not in held and pk.isdigit()]
    return [user, *roles, *past]


def members_without_account(actor: Any) -> QuerySet[Member]:
    """The members an administrator may make an account for, in name order."""
    return (
        restrict(Member.objects.all(), actor, MANAGE)
        .filter(account__isnull=True)
        .select_related("organization")
        .order_by("sort_key", "pk")
    )


def grantable_organizations(actor: Any) -> QuerySet[Organization]:
    return restrict(Organization.objects.all(), actor, MANAGE).order_by("path")


def recent_failures(usernames: list[str]) -> dict[str, int]:
    """Failed sign-ins (passwords and two-factor codes) still counted against each account,
    within django-axes' cool-off window. One query for a page of accounts."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(username__in=usernames, attempt_time__gte=since)
        .values("username")
        .annotate(n=Sum("failures_since_start"))
    )
    return {r["username"]: r["n"] for r in rows}


def locked_usernames(usernames: list[str]) -> set[str]:
    return {u for u, n in recent_failures(usernames).items() if n >= settings.AXES_FAILURE_LIMIT}
