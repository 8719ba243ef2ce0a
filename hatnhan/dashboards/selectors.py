"""Reads of the pre-aggregate: a subtree's monthly rows in one query, summed per organization
over its own subtree in memory (materialized paths: an organization's rows are those whose
path starts with its own)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Sum

from hatnhan.organizations.models import Organization

from .models import COUNTS, Freshness, OrganizationMonth

Counts = dict[str, int]


def zero() -> Counts:
    return dict.fromkeys(COUNTS, 0)


def add(total: Counts, more: Counts) -> Counts:
    for name in COUNTS:
        total[name] += more[name]
    return total


def freshness() -> Freshness | None:
    return Freshness.objects.filter(key="default").first()


def subtree(root: Organization) -> list[Organization]:
    """The root and every active organization below it, in tree order (one query)."""
    return list(
        Organization.objects.filter(path__startswith=root.path, is_active=True).order_by("path")
    )


def monthly(root: Organization, months: Iterable[dt.date]) -> dict[int, dict[dt.date, Counts]]:
    """organization id -> month -> its own counts, for the root's subtree (one query)."""
    rows = (
        OrganizationMonth.objects.filter(organization__path__startswith=root.path)
        .filter(month__in=sorted(set(months)))
        .values("organization_id", "month", *COUNTS)
    )
    out: dict[int, dict[dt.date, Counts]] = defaultdict(dict)
    for row in rows:
        out[row.pop("organization_id")][row.pop("month")] = row
    return out


def period_totals(root: Organization, months: Iterable[dt.date]) -> dict[int, Counts]:
    """organization id -> its own counts summed over `months`, for the root's subtree: one
    grouped query (the bloc's page needs no month-by-month values)."""
    rows = (
        OrganizationMonth.objects.filter(organization__path__startswith=root.path)
        .filter(month__in=sorted(set(months)))
        .order_by()
        .values("organization_id")
        .annotate(**{f"sum_{name}": Sum(name) for name in COUNTS})
    )
    return {row["organization_id"]: {name: row[f"sum_{name}"] for name in COUNTS} for row in rows}


def rolled_up_totals(orgs: list[Organization], own: dict[int, Counts]) -> dict[int, Counts]:
    """Each organization's counts over its whole subtree (its own plus every descendant's)."""
    by_path = {o.path: o.pk for o in orgs}
    out: dict[int, Counts] = {o.pk: zero() for o in orgs}
    for org in orgs:
        counts = own.get(org.pk)
        if not counts:
            continue
        for i, ch in enumerate(org.path):
            if ch == "." and (pk := by_path.get(org.path[: i + 1])) is not None:
                add(out[pk], counts)
    return out


def rolled_up(
    orgs: list[Organization], own: dict[int, dict[dt.date, Counts]]
) -> dict[int, dict[dt.date, Counts]]:
    """Each organization's counts per month over its whole subtree: every organization's own
    rows are added to it and to each ancestor in `orgs` (the path's segments)."""
    by_path = {o.path: o.pk for o in orgs}
    out: dict[int, dict[dt.date, Counts]] = {o.pk: defaultdict(zero) for o in orgs}
    for org in orgs:
        rows = own.get(org.pk)
        if not rows:
            continue
        ancestors = [
            by_path[org.path[: i + 1]]
            for i, ch in enumerate(org.path)
            if ch == "." and org.path[: i + 1] in by_path
        ]
        for month, counts in rows.items():
            for pk in ancestors:
                add(out[pk][month], counts)
    return out


def total(by_month: dict[dt.date, Counts], months: Iterable[dt.date]) -> Counts:
    result = zero()
    for month in months:
        if month in by_month:
            add(result, by_month[month])
    return result
