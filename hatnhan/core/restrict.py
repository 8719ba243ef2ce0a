"""The one restriction function. Every page, API endpoint, export and import reads through it.

A role is held *in an organization* and reaches that organization's whole subtree
(materialized paths make that one indexed prefix filter). The `member` role reaches
only the user's own records. What each role may do is the table below, nowhere else.
"""

from collections.abc import Collection, Iterable, Mapping
from functools import reduce
from operator import or_
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F, Func, Q, Subquery

VIEW, CHANGE, MANAGE = "view", "change", "manage"
# MANAGE is the administration of accounts and roles (hatnhan.accounts). It is the bloc
# committee's: its admin and its staff (the organization department keeps who holds which
# post), never a grassroots secretary or committee. A secretary's own organization is what the
# committee above inspects; letting them hand out access to its records would let the
# inspected choose who may read and change them. Granting `admin` asks for more: see may_grant.
# Reporting progress (with evidence) on a task: its owner and co-workers do it on their own
# tasks; those who lead the organization may record it on a member's behalf.
REPORT = "report"
# Recording a discipline decision (hatnhan.discipline): the committees of the deciding body and
# its inspection committee (the `inspector` role, which otherwise only reads). Which body may
# decide which form is the discipline app's competence rule, not this table.
DISCIPLINE = "discipline"
# Reading (and keeping) who a citizen's report came from (issue 11: the reporter's identity is
# encrypted at rest, hatnhan.core.crypto). Held by the custodian role alone, not by an admin
# nor the inspection committee that handles the report: the identity is disclosed to as few
# people as possible, and who holds the role is a decision of its own.
CUSTODY = "custody"

# role -> actions it grants over its organization's subtree.
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "admin": frozenset({VIEW, CHANGE, MANAGE, REPORT, DISCIPLINE}),
    "staff": frozenset({VIEW, CHANGE, MANAGE, REPORT, DISCIPLINE}),
    "secretary": frozenset({VIEW, CHANGE, REPORT, DISCIPLINE}),
    "committee": frozenset({VIEW, CHANGE, REPORT, DISCIPLINE}),
    "inspector": frozenset({VIEW, DISCIPLINE}),
    "custodian": frozenset({CUSTODY}),
    "member": frozenset(),
}
# Actions the `member` role grants over the user's own records only.
OWN_ACTIONS: frozenset[str] = frozenset({VIEW, REPORT})


def grants(user: Any) -> list[tuple[str, str]]:
    """(role, organization path) pairs of an active user, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_hatnhan_grants", None)
    if cached is None:
        # Through the user's own relation: the foundation's lowest app names no app above it.
        cached = list(
            user.roles.filter(organization__is_active=True).values_list(
                "role", "organization__path"
            )
        )
        user._hatnhan_grants = cached
    return cached


def reach(user: Any, action: str, table: Mapping[str, Collection[str]] | None = None) -> list[str]:
    """Organization paths whose subtrees the user may act on, with no path inside another
    (by `table`, role -> actions, ROLE_ACTIONS unless a model's access setting names one)."""
    table = ROLE_ACTIONS if table is None else table
    paths = sorted({path for role, path in grants(user) if action in table.get(role, ())})
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def may_grant(user: Any, role: str, path: str) -> bool:
    """Whether `user` may grant (or revoke) `role` in the organization at `path`, and so act on
    an account holding it: the organization lies in their MANAGE reach, and `admin` only by an
    admin at or above it. No one reaches above their own reach this way. (Granting to
    oneself is refused by the service, hatnhan.accounts.services.)"""
    if not any(path.startswith(p) for p in reach(user, MANAGE)):
        return False
    if role == "admin":
        return any(r == "admin" and path.startswith(p) for r, p in grants(user))
    return True


def administers_root(user: Any) -> bool:
    """Whether `user` is an administrator at a top of the tree (a path of one segment): the
    settings of the whole system (the holiday calendar) are theirs alone."""
    return any(role == "admin" and path.count(".") == 1 for role, path in grants(user))


def manages_accounts(user: Any) -> bool:
    """Whether the account administration pages are for `user` at all."""
    return bool(reach(user, MANAGE))


def reaches_access(user: Any, setting: str, action: str = VIEW) -> bool:
    """Whether any of the user's roles may do `action` on some record under the access table
    a model names by `setting` (:func:`access_rules`): for a menu entry such records have."""
    access = getattr(settings, setting)
    tables = (access.get("subtree", {}), access.get("body", {}))
    return any(action in table.get(role, ()) for role, _ in grants(user) for table in tables)


def ancestor_paths(path: str) -> set[str]:
    """The path itself and every ancestor's (paths are fixed-width segments ending in '.')."""
    return {path[: i + 1] for i, ch in enumerate(path) if ch == "."}


def outermost_paths(paths: Iterable[str]) -> list[str]:
    """The paths no other of them contains: one `LIKE 'prefix%'` each covers all the subtrees.
    Sorted, a subtree follows its root, so only the last one kept can contain a path."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def access_rules(model: type[models.Model]) -> Mapping[str, Any] | None:
    """A model's own access table, when it names one in `restriction_access_setting`: the
    setting maps "subtree" to role -> actions over the subtree of the record's organization
    (in place of ROLE_ACTIONS), and "body" to role -> actions that count only when held in
    the record's organization itself. Inspection cases use it (INSPECTION_CASE_ACCESS): the
    inspecting body and the roles the setting allows read them, not every secretary of the
    subtree."""
    name = getattr(model, "restriction_access_setting", None)
    return getattr(settings, name) if name else None


def _spans_many(model: type[models.Model], lookup: str) -> bool:
    """Whether following `lookup` from `model` crosses a to-many relation."""
    for part in lookup.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:  # "pk" or a transform: nothing more to follow
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation or field.related_model is None:
            return False
        model = field.related_model
    return False


def restrict(queryset: models.QuerySet[Any], user: Any, action: str = VIEW) -> models.QuerySet[Any]:
    """The queryset limited to what `user` may do `action` on. Models declare how:
    `restriction_path` (lookup to an organization path), optionally `restriction_owner`
    (lookup, or tuple of lookups OR'd, to the member whose own record it is), and optionally
    `restriction_visible_below = True` for records an organization issues to its whole
    subtree (directives, year themes): anyone holding a role beneath may view them; or
    `restriction_access_setting`, the name of a setting with the model's own role table
    (:func:`access_rules`)."""
    model = queryset.model
    path_lookup: str | None = getattr(model, "restriction_path", None)
    owner_lookups: str | tuple[str, ...] | None = getattr(model, "restriction_owner", None)
    if isinstance(owner_lookups, str):
        owner_lookups = (owner_lookups,)
    access = access_rules(model)

    def by_path(lookup: str) -> list[Q]:
        conditions: list[Q] = []
        if access is not None:
            subtree = reach(user, action, access.get("subtree", {}))
            conditions += [Q(**{f"{lookup}__startswith": p}) for p in subtree]
            body = access.get("body", {})
            exact = sorted({path for role, path in grants(user) if action in body.get(role, ())})
            if exact:
                conditions.append(Q(**{f"{lookup}__in": exact}))
        else:
            conditions += [Q(**{f"{lookup}__startswith": p}) for p in reach(user, action)]
            if action == VIEW and getattr(model, "restriction_visible_below", False):
                above = set().union(*(ancestor_paths(path) for _, path in grants(user)))
                if above:
                    conditions.append(Q(**{f"{lookup}__in": sorted(above)}))
        return conditions

    path_conditions = by_path(path_lookup) if path_lookup else []
    member_id = getattr(user, "member_id", None)
    own: list[str] = []
    if (
        owner_lookups
        and member_id
        and action in OWN_ACTIONS
        and any(role == "member" for role, _ in grants(user))
    ):
        own = list(owner_lookups)
    if not path_conditions and not own:
        return queryset.none()
    if len(path_conditions) + len(own) == 1 or not own:
        # One condition, or only path conditions (all on the one joined organization table,
        # which PostgreSQL ORs in a bitmap scan of its path index): a plain WHERE.
        conditions = path_conditions + [_owned(model, lookup, member_id) for lookup in own]
        return queryset.filter(reduce(or_, conditions))
    # An OR of conditions on different tables (the owner's column, the co-workers' table,
    # the joined organization's path) can use no index: a plain member's board read 184,109
    # tasks to show 2 at 100,000 members (issue 13, docs/benchmarks.md). Each arm is made a
    # condition on a column of the model's own table, so that the OR is one bitmap scan of
    # its indexes and grows with what the user sees, not with the table.
    arms: list[Q] = []
    if path_conditions:
        first, _, rest = path_lookup.partition("__")
        related = _column_relation(model, first) if rest else None
        if related is not None:
            inner = related.filter(reduce(or_, by_path(rest))).order_by().values("pk")
            arms.append(Q(InArray(first, inner)))
        elif rest:
            arms.append(Q(InArray("pk", _pks(model, reduce(or_, path_conditions)))))
        else:
            arms += path_conditions
    for lookup in own:
        first, _, rest = lookup.partition("__")
        related = _column_relation(model, first) if rest and rest != "pk" else None
        if _spans_many(model, lookup):
            arms.append(Q(InArray("pk", _pks(model, Q(**{lookup: member_id})))))
        elif related is not None:
            inner = related.filter(**{rest: member_id}).order_by().values("pk")
            arms.append(Q(InArray(first, inner)))
        elif rest and rest != "pk":
            arms.append(Q(InArray("pk", _pks(model, Q(**{lookup: member_id})))))
        else:
            arms.append(Q(**{lookup: member_id}))
    return queryset.filter(reduce(or_, arms))


def _column_relation(model: type[models.Model], name: str) -> Any:
    """The related model's manager when `name` is a foreign key (or one-to-one) column of
    `model`'s own table; None otherwise (a reverse relation has no column to index)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if field.is_relation and field.concrete and not field.many_to_many:
        return field.related_model._default_manager
    return None


def _pks(model: type[models.Model], condition: Q) -> models.QuerySet[Any]:
    return model._default_manager.filter(condition).order_by().values("pk")


def _owned(model: type[models.Model], lookup: str, member_id: int) -> Q:
    if _spans_many(model, lookup):
        # A join through a to-many relation would repeat rows; a subquery does not.
        owned = model._default_manager.filter(**{lookup: member_id}).values("pk")
        return Q(pk__in=owned)
    return Q(**{lookup: member_id})


class InArray(Func):
    """`column IN (subquery)`; on PostgreSQL `column = ANY(ARRAY(subquery))`: the subquery is
    then run once before the scan (an InitPlan) and the condition is an index condition on
    the column, which an OR with other index conditions turns into a BitmapOr, where `IN
    (subquery)` is a hashed subplan that only filters rows already read."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, column: str, subquery: models.QuerySet[Any]) -> None:
        super().__init__(F(column), Subquery(subquery))

    def _parts(self, compiler: Any, connection: Any) -> tuple[str, str, tuple[Any, ...]]:
        lhs, lhs_params = compiler.compile(self.source_expressions[0])
        rhs, rhs_params = compiler.compile(self.source_expressions[1])
        return lhs, rhs, (*lhs_params, *rhs_params)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, rhs, params = self._parts(compiler, connection)
        return f"{lhs} IN {rhs}", params

    def as_postgresql(
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        lhs, rhs, params = self._parts(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", params


def can(user: Any, action: str, obj: models.Model) -> bool:
    """Whether `user` may do `action` on this one object, by the same rule as :func:`restrict`."""
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action).exists()


def has_any_role(user: Any, *roles: str) -> bool:
    return any(role in roles for role, _ in grants(user))


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = VIEW) -> Self:
        return restrict(self, user, action)
