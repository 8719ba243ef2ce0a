from django.db.models import Prefetch

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
