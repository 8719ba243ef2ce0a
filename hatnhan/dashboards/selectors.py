"""Reads of the pre-aggregate's subtree rows (models.SubtreeMonth): a page reads a row per
organization shown and month, never the rows of what lies below."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Sum

from hatnhan.organizations.models import Organization

from .models import COUNTS, Freshness, SubtreeMonth

Counts = dict[str, int]


def zero() -> Counts:
    return dict.fromkeys(COUNTS, 0)


def add(total: Counts, more: Counts) -> Counts:
    for name in COUNTS:
        total[name] += more[name]
    return total


def freshness() -> Freshness | None:
    return Freshness.objects.filter(key="default").first()


def subtree(root: Organization, levels: int) -> list[Organization]:
    """The root and the active organizations down to `levels` below it, in tree order (one
    query)."""
    return list(
        Organization.objects.filter(
            path__startswith=root.path, is_active=True, depth__lte=root.depth + levels
        ).order_by("path")
    )


def depth_counts(root: Organization, levels: int) -> dict[int, int]:
    """How many active organizations lie at each level below the root, down to `levels`
    (0: the root itself), in one grouped query."""
    rows = (
        Organization.objects.filter(
            path__startswith=root.path, is_active=True, depth__lte=root.depth + levels
        )
        .order_by()
        .values_list("depth")
        .annotate(n=Count("pk"))
    )
    return {depth - root.depth: n for depth, n in rows}


def subtree_by_month(root: Organization, months: Iterable[dt.date]) -> dict[dt.date, Counts]:
    """The root's whole subtree per month: its SubtreeMonth rows, one per month."""
    rows = SubtreeMonth.objects.filter(organization=root, month__in=sorted(set(months)))
    return {row.pop("month"): row for row in rows.values("month", *COUNTS)}


def subtree_totals(orgs: Iterable[Organization], months: Iterable[dt.date]) -> dict[int, Counts]:
    """Each organization's whole subtree summed over `months`: one grouped query over the
    organizations' own SubtreeMonth rows (as many as organizations × months, whatever lies
    below them)."""
    found = {o.pk: zero() for o in orgs}
    rows = (
        SubtreeMonth.objects.filter(organization_id__in=list(found), month__in=sorted(set(months)))
        .order_by()
        .values("organization_id")
        .annotate(**{f"sum_{name}": Sum(name) for name in COUNTS})
    )
    for row in rows:
        found[row["organization_id"]] = {name: row[f"sum_{name}"] for name in COUNTS}
    return found


def total(by_month: dict[dt.date, Counts], months: Iterable[dt.date]) -> Counts:
    result = zero()
    for month in months:
        if month in by_month:
            add(result, by_month[month])
    return result
