"""Reads for directives, year themes, resolutions and focus issues, through the restriction."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from hatnhan.core.restrict import VIEW
from hatnhan.core.text import search_key

from .models import Directive, FocusIssue, Resolution, YearTheme


def directive_list(
    user: Any, *, q: str = "", kind: str = "", active: bool | None = None
) -> QuerySet[Directive]:
    qs = Directive.objects.restrict(user, VIEW).select_related("organization")
    if q:
        qs = qs.filter(search_text__contains=search_key(q))
    if kind:
        qs = qs.filter(kind=kind)
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("-issued_on", "-id")


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


def resolution_list(
    user: Any,
    *,
    organization_id: int | None = None,
    kind: str = "",
    q: str = "",
    year: int | None = None,
) -> QuerySet[Resolution]:
    qs = (
        Resolution.objects.restrict(user, VIEW)
        .select_related("organization", "year_theme")
        .prefetch_related("directives")
        .annotate(focus_issue_count=Count("focus_issues", distinct=True))
    )
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(period_start__year__lte=year, period_end__year__gte=year)
    if q:
        qs = qs.filter(search_text__contains=search_key(q))
    return qs.order_by("-adopted_on", "-id")


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


def focus_issue_list(
    user: Any,
    *,
    organization_id: int | None = None,
    resolution_id: int | None = None,
    level: str = "",
    q: str = "",
) -> QuerySet[FocusIssue]:
    qs = (
        FocusIssue.objects.restrict(user, VIEW)
        .select_related("organization", "resolution", "year_theme")
        .prefetch_related("directives")
        .annotate(task_count=Count("tasks", distinct=True))
    )
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if resolution_id:
        qs = qs.filter(resolution_id=resolution_id)
    if level:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(search_text__contains=search_key(q))
    return qs.order_by("-resolution__adopted_on", "position", "id")


def focus_issue_detail(user: Any, focus_issue_id: int) -> FocusIssue:
    return get_object_or_404(
        FocusIssue.objects.restrict(user, VIEW)
        .select_related("organization", "resolution", "year_theme")
        .prefetch_related("directives"),
        pk=focus_issue_id,
    )
