"""Reads for the organization pages, with the prefetching they need.

The counts a node shows (members, from hatnhan.members) come through
hatnhan.organizations.sections: a fixed number of queries, whatever the nodes."""

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from hatnhan.core.filters import id_or_none
from hatnhan.core.restrict import VIEW, reach

from . import sections
from .models import Organization, Term


def asked_for(user: Any, raw: str | None) -> Organization | None:
    """The organization a query parameter names (a picker's `organization`), or None when
    it names none; one out of the user's reach, or not an id, answers 404 as everywhere."""
    if not raw:
        return None
    pk = id_or_none(raw)
    if pk is None:
        raise Http404
    return get_object_or_404(Organization.objects.restrict(user, VIEW), pk=pk)


def with_child_counts(qs: QuerySet[Organization]) -> QuerySet[Organization]:
    return qs.annotate(child_count=Count("children", distinct=True))


def tree_roots(user: Any) -> list[Organization]:
    """The top organizations of the user's reach, each with its children loaded one level."""
    paths = reach(user, VIEW)
    if not paths:
        return []
    roots = list(with_child_counts(Organization.objects.filter(path__in=paths)).order_by("path"))
    children = list(
        with_child_counts(
            Organization.objects.filter(parent__in=roots).restrict(user, VIEW)
        ).order_by("code")
    )
    sections.count_nodes(roots + children)
    by_parent: dict[int, list[Organization]] = {}
    for child in children:
        by_parent.setdefault(child.parent_id, []).append(child)
    for root in roots:
        root.loaded_children = by_parent.get(root.pk, [])
    return roots


def children_of(user: Any, organization: Organization) -> list[Organization]:
    """The organization's children with their counts, and its own counts set in the same
    query (the page shows both: one grouped count of members, not one per node list)."""
    children = list(
        with_child_counts(
            Organization.objects.filter(parent=organization).restrict(user, VIEW)
        ).order_by("code")
    )
    sections.count_nodes([organization, *children])
    return children


def ancestors_in_reach(user: Any, organization: Organization) -> list[Organization]:
    """The breadcrumb: the organization's ancestors the user may see, top first."""
    segments = organization.path.split(".")[:-1]
    paths = [".".join(segments[:i]) + "." for i in range(1, len(segments))]
    if not paths:
        return []
    return list(Organization.objects.filter(path__in=paths).restrict(user, VIEW).order_by("path"))


def terms_of(organization: Organization) -> QuerySet[Term]:
    return Term.objects.filter(organization=organization).order_by("-start_date")


def organization_choices(user: Any, action: str) -> QuerySet[Organization]:
    """Organizations the user may pick in a form (as a place to act on), tree order."""
    return Organization.objects.restrict(user, action).filter(is_active=True).order_by("path")
