"""What the apps above organizations add to its pages and API: the tree's member counts, the
organization page's committee and members. organizations may not import them (docs/layers.md),
so each registers here from its AppConfig.ready and the organization pages read the registry.
An app that is not installed adds nothing."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Organization

NodeCounter = Callable[[list[Organization]], object]
Annotator = Callable[[QuerySet[Organization]], QuerySet[Organization]]
DetailSection = Callable[[HttpRequest, Organization], dict[str, Any]]

_node_counters: list[NodeCounter] = []
_annotators: list[Annotator] = []
_detail_sections: list[DetailSection] = []


def register(
    *,
    count_nodes: NodeCounter | None = None,
    annotate: Annotator | None = None,
    detail: DetailSection | None = None,
) -> None:
    """Add a higher app's part. Registering the same function twice adds it once (ready() may
    run again in tests)."""
    for registry, function in (
        (_node_counters, count_nodes),
        (_annotators, annotate),
        (_detail_sections, detail),
    ):
        if function is not None and function not in registry:
            registry.append(function)  # type: ignore[arg-type]


def count_nodes(nodes: Iterable[Organization]) -> list[Organization]:
    """Set the registered counts on tree nodes (each counter: a fixed number of queries)."""
    nodes = list(nodes)
    for counter in _node_counters:
        counter(nodes)
    return nodes


def annotate(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    """The API's organizations with the registered per-row annotations (same SQL statement)."""
    for annotator in _annotators:
        queryset = annotator(queryset)
    return queryset


def detail_context(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    """The organization page's sections from the higher apps. Their `history_objects` join the
    page's history; every other key is the section's own context."""
    context: dict[str, Any] = {"history_objects": []}
    for section in _detail_sections:
        part = dict(section(request, organization))
        context["history_objects"] += part.pop("history_objects", [])
        context.update(part)
    return context
