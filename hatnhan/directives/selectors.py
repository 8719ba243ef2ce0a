"""Reads for directives, year themes, resolutions and focus issues, through the restriction."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from hatnhan.core.restrict import VIEW, ancestor_paths
from hatnhan.organizations.models import Organization
from hatnhan.organizations.selectors import asked_for

from .models import Directive, FocusIssue, Resolution, YearTheme


def directive_list(user: Any) -> QuerySet[Directive]:
    """Before the list's filters (directives.filters.DirectiveFilter)."""
    return (
        Directive.objects.restrict(user, VIEW)
        .select_related("organization")
        .order_by("-issued_on", "-id")
    )


def directive_detail(user: Any, directive_id: int) -> Directive:
    return get_object_or_404(
        Directive.objects.restrict(user, VIEW).select_related("organization", "created_by"),
        pk=directive_id,
    )


def year_theme_list(user: Any, *, year: int | None = None) -> QuerySet[YearTheme]:
    qs = (
        YearTheme.objects.restrict(user, VIEW)
        .select_related("organization")
        .prefetch_related("directives")
    )
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "organization__path")


def year_theme_detail(user: Any, theme_id: int) -> YearTheme:
    return get_object_or_404(
        YearTheme.objects.restrict(user, VIEW)
        .select_related("organization")
        .prefetch_related("directives"),
        pk=theme_id,
    )


def current_theme(user: Any, year: int) -> YearTheme | None:
    """The year theme closest to the user's organizations (deepest issuer wins)."""
    return year_theme_list(user, year=year).order_by("-organization__depth").first()


def resolution_list(user: Any) -> QuerySet[Resolution]:
    """Before the list's filters (directives.filters.ResolutionFilter)."""
    return (
        Resolution.objects.restrict(user, VIEW)
        .select_related("organization", "year_theme")
        .prefetch_related("directives")
        .annotate(focus_issue_count=Count("focus_issues", distinct=True))
        .order_by("-adopted_on", "-id")
    )


def resolution_detail(user: Any, resolution_id: int) -> Resolution:
    return get_object_or_404(
        Resolution.objects.restrict(user, VIEW)
        .select_related("organization", "year_theme", "created_by")
        .prefetch_related(
            "directives",
            Prefetch(
                "focus_issues",
                queryset=FocusIssue.objects.prefetch_related("directives")
                .annotate(task_count=Count("tasks"))
                .order_by("position", "id"),
            ),
        ),
        pk=resolution_id,
    )


def focus_issue_list(user: Any) -> QuerySet[FocusIssue]:
    """Before the list's filters (directives.filters.FocusIssueFilter)."""
    return (
        FocusIssue.objects.restrict(user, VIEW)
        .select_related("organization", "resolution", "year_theme")
        .prefetch_related("directives")
        .annotate(task_count=Count("tasks", distinct=True))
        .order_by("-resolution__adopted_on", "position", "id")
    )


def focus_issues_for(user: Any, organization: Organization | None) -> QuerySet[FocusIssue]:
    """The focus issues a task of `organization` may serve, as the user may see them: those
    of the organization, of its ancestors (a cell carries out its committee's) and of its
    subtree; every one in reach when no organization is given. Newest resolution first."""
    issues = FocusIssue.objects.restrict(user, VIEW)
    if organization is not None:
        path = organization.path
        issues = issues.filter(organization__path__in=sorted(ancestor_paths(path))) | issues.filter(
            organization__path__startswith=path
        )
    return issues.select_related("resolution").order_by("-resolution__adopted_on", "position")


def focus_issues_to_pick(user: Any, organization: str | None = None) -> QuerySet[FocusIssue]:
    """What a focus-issue picker may offer as one types (directives:focus-issue-pick):
    focus_issues_for the `organization` id given (one out of reach, or no id, answers 404
    as everywhere)."""
    return focus_issues_for(user, asked_for(user, organization))


def focus_issue_detail(user: Any, focus_issue_id: int) -> FocusIssue:
    return get_object_or_404(
        FocusIssue.objects.restrict(user, VIEW)
        .select_related("organization", "resolution", "year_theme")
        .prefetch_related("directives"),
        pk=focus_issue_id,
    )
