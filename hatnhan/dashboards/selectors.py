"""Reads of the pre-aggregate, summed in SQL: a subtree's months (one row per month), or its
organizations' totals over a period, rolled up to each ancestor in memory (materialized paths:
an organization's subtree is the rows whose path starts with its own)."""

import datetime as dt
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


def subtree_by_month(root: Organization, months: Iterable[dt.date]) -> dict[dt.date, Counts]:
    """The root's whole subtree per month: one grouped query, as many rows as months."""
    rows = (
        OrganizationMonth.objects.filter(organization__path__startswith=root.path)
        .filter(month__in=sorted(set(months)))
        .order_by()
        .values("month")
        .annotate(**{f"sum_{name}": Sum(name) for name in COUNTS})
    )
    return {row["month"]: {name: row[f"sum_{name}"] for name in COUNTS} for row in rows}


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


def total(by_month: dict[dt.date, Counts], months: Iterable[dt.date]) -> Counts:
    result = zero()
    for month in months:
        if month in by_month:
            add(result, by_month[month])
    return result
