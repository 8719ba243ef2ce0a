"""The bloc's dashboard: every organization directly under a root side by side (each over
its own subtree), sortable by any figure, outliers marked (outliers.py), and a map of the tree
coloured by a chosen figure. Reads the pre-aggregate: the subtree's organizations and its
monthly rows, one query each, whatever the size of the record."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hatnhan.organizations.models import Organization

from . import figures, outliers, selectors
from .figures import DEFINITIONS, Definition, Scope
from .models import Freshness
from .periods import Period

# The map of the tree shows this many levels below the root (a province's subtree at national
# scale is thousands of organizations; deeper ones are a click away, each the root of its own)
MAP_DEPTH = 2
# ... and no more nodes than this: a level that would pass it is left to the next click.
MAP_MAX_NODES = 400
DEFAULT_COLOR = "tasks_on_time_rate"


@dataclass(frozen=True)
class Cell:
    definition: Definition
    scope: Scope
    value: Decimal | int | None
    mark: str = ""  # outliers.LOW / HIGH
    verdict: str = ""  # "bad" / "good"

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def drill_url(self) -> str | None:
        """Built when read (the API reads it; the page links through views.drill instead,
        short links whose list URL is built on the click)."""
        return self.definition.drill(self.scope)


@dataclass
class Row:
    organization: Organization
    cells: list[Cell]


@dataclass
class Node:
    organization: Organization
    level: int  # below the root (0: the root)
    value: Decimal | int | None
    children: list["Node"] = field(default_factory=list)


@dataclass
class Bloc:
    root: Organization
    period: Period
    columns: list[Definition]
    rows: list[Row]
    total: Row
    sort: str
    descending: bool
    color: Definition
    tree: Node
    as_of: dt.date


def _cells(counts: selectors.Counts, scope: Scope) -> list[Cell]:
    return [Cell(d, scope, d.value(counts)) for d in DEFINITIONS]


def map_depth(root: Organization) -> int:
    """How many levels below the root the map shows: MAP_DEPTH, fewer while that passes
    MAP_MAX_NODES (one level, the table's rows, always). Counted in SQL first, so that a
    province's 4,000 organizations two levels down are not read to draw its 40 blocs."""
    counts = selectors.depth_counts(root, MAP_DEPTH)
    depth = MAP_DEPTH
    while depth > 1 and sum(n for level, n in counts.items() if level <= depth) > MAP_MAX_NODES:
        depth -= 1
    return depth


def chosen(sort: str, color: str) -> tuple[str, Definition]:
    """The sort and the map's figure a page asked for, as the table reads them: an unknown
    sort is none, an unknown colour the default figure."""
    return (sort if sort in figures.BY_KEY else ""), (
        figures.BY_KEY.get(color) or figures.BY_KEY[DEFAULT_COLOR]
    )


_UNREAD: Any = object()


def bloc_table(
    root: Organization,
    period: Period,
    *,
    sort: str = "",
    descending: bool = False,
    color: str = "",
    fresh: Freshness | None = _UNREAD,
) -> Bloc:
    """`fresh`: the Freshness row when the caller has read it already (else it is read)."""
    if fresh is _UNREAD:
        fresh = selectors.freshness()
    as_of = figures.as_of_day(fresh)
    orgs = selectors.subtree(root, map_depth(root))
    rolled = selectors.subtree_totals(orgs, period.months)
    children = [o for o in orgs if o.parent_id == root.pk]
    rows = [Row(o, _cells(rolled[o.pk], Scope(o.pk, period, as_of))) for o in children]
    # Outliers per column, among the rows shown.
    for i, d in enumerate(DEFINITIONS):
        found = outliers.marks([r.cells[i].value for r in rows])
        for row, mark in zip(rows, found, strict=True):
            cell = row.cells[i]
            row.cells[i] = Cell(d, cell.scope, cell.value, mark, outliers.verdict(mark, d.better))
    keys = [d.key for d in DEFINITIONS]
    sort, chosen_color = chosen(sort, color)
    if sort:
        i = keys.index(sort)
        present = [r for r in rows if r.cells[i].value is not None]
        missing = [r for r in rows if r.cells[i].value is None]
        # Stable either way: equal values keep the tree's order.
        present.sort(key=lambda r: r.cells[i].value, reverse=descending)
        rows = present + missing  # nothing to count sorts last either way
    total = Row(root, _cells(rolled[root.pk], Scope(root.pk, period, as_of)))
    return Bloc(
        root=root,
        period=period,
        columns=DEFINITIONS,
        rows=rows,
        total=total,
        sort=sort,
        descending=descending,
        color=chosen_color,
        tree=_tree(root, orgs, rolled, chosen_color),
        as_of=as_of,
    )


def _tree(
    root: Organization,
    orgs: list[Organization],
    rolled: dict[int, selectors.Counts],
    d: Definition,
) -> Node:
    shown = orgs
    # The colours are the chart's (charts.tree_map): its scale steps are taken over the values.
    nodes = {o.pk: Node(o, o.depth - root.depth, d.value(rolled[o.pk])) for o in shown}
    for o in shown:
        if o.pk != root.pk and o.parent_id in nodes:
            nodes[o.parent_id].children.append(nodes[o.pk])
    return nodes[root.pk]
