"""Pages of the dashboards: the bloc's dashboard, the organization's, the head's and the
member's scorecards. Thin: the organization or member is read through the restriction (another
organization's id answers 404), the figures come from figures.py."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from hatnhan.core.restrict import VIEW, reach, restrict
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization

from . import figures, fragments, outliers, periods, selectors
from .bloc import Bloc, bloc_table, chosen
from .figures import DEFINITIONS
from .models import Freshness
from .scorecard import Scorecard


def _organization(request: HttpRequest, organization_id: int) -> Organization:
    return get_object_or_404(
        restrict(Organization.objects.filter(is_active=True), request.user, VIEW),
        pk=organization_id,
    )


def _member(request: HttpRequest, member_id: int) -> Member:
    qs = Member.objects.select_related("organization")
    return get_object_or_404(restrict(qs, request.user, VIEW), pk=member_id)


@dataclass
class PeriodChoice:
    form: periods.PeriodForm
    period: periods.Period
    query: str  # the period's GET parameters, for every link of the page


def _period(request: HttpRequest) -> PeriodChoice:
    period, form = periods.parse(request.GET, timezone.localdate())
    return PeriodChoice(form, period, urlencode(period.query()))


def _scorecard_page(
    request: HttpRequest, card: Scorecard, choice: PeriodChoice, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "dashboards/scorecard.html",
        {
            "card": card,
            "choice": choice,
            "freshness": selectors.freshness(),
            "before": choice.period.year_before(),
            **extra,
        },
    )


def default_root(user: Any) -> Organization | None:
    """The top of the user's reach (the first, when roles are held in two subtrees)."""
    paths = reach(user, VIEW)
    if not paths:
        return None
    return Organization.objects.filter(path=paths[0], is_active=True).first()


def _bloc_fragments(
    root: Organization,
    choice: PeriodChoice,
    *,
    sort: str,
    descending: bool,
    color: str,
    fresh: Freshness | None,
) -> fragments.Fragments:
    """The bloc's table (with its comparison chart) and its tree map, rendered: what the cache
    keeps (fragments.py). Rendered without the request: nothing in them is the reader's."""
    table: Bloc = bloc_table(
        root, choice.period, sort=sort, descending=descending, color=color, fresh=fresh
    )
    base = {"root": root.pk, **choice.period.query()}
    headers = []
    for d in table.columns:
        current = ("desc" if table.descending else "asc") if table.sort == d.key else ""
        # A figure opens on its worst first: a rate judged "higher" ascending, a count of
        # problems descending; a second click turns it round.
        first = "asc" if d.better == "higher" else "desc"
        wanted = {"asc": "desc", "desc": "asc"}.get(current, first)
        query = urlencode({**base, "sort": d.key, "dir": wanted, "color": table.color.key})
        headers.append({"definition": d, "url": f"?{query}", "current": current})
    context = {
        "bloc": table,
        "choice": choice,
        "headers": headers,
        # /dashboards/organizations/ : each organization's scorecard and its drill links.
        "org_base": reverse("dashboards:organization", args=[0]).removesuffix("0/"),
    }
    return {
        "table": render_to_string("dashboards/_bloc_table.html", context),
        "map": render_to_string("dashboards/_bloc_map.html", context),
    }


@login_required
def bloc(request: HttpRequest) -> HttpResponse:
    if "root" in request.GET:
        try:
            root = _organization(request, int(request.GET["root"]))
        except ValueError:
            raise Http404 from None
    else:
        root = default_root(request.user)
        if root is None:
            raise Http404
    choice = _period(request)
    sort, color = chosen(request.GET.get("sort", ""), request.GET.get("color", ""))
    descending = request.GET.get("dir") == "desc"
    fresh = selectors.freshness()
    key = fragments.bloc_key(
        root=root,
        reach=reach(request.user, VIEW),
        period=choice.period,
        sort=sort,
        descending=descending,
        color=color.key,
        fresh=fresh,
    )
    parts, _hit = fragments.cached(
        key,
        lambda: _bloc_fragments(
            root, choice, sort=sort, descending=descending, color=color.key, fresh=fresh
        ),
    )
    # Our own templates rendered them; a cache backend may hand back a plain str.
    table, tree_map = mark_safe(parts["table"]), mark_safe(parts["map"])
    if request.htmx:
        return HttpResponse(table)
    context = {
        "root": root,
        "columns": DEFINITIONS,
        "color": color,
        "choice": choice,
        "freshness": fresh,
        "table": table,
        "tree_map": tree_map,
        "keep": [("root", root.pk), ("sort", sort), ("color", color.key)],
        "color_keep": [
            ("root", root.pk),
            ("sort", sort),
            ("dir", "desc" if descending else "asc"),
            *choice.period.query().items(),
        ],
        "rule": outliers.FACTOR,
        "min_values": outliers.MIN_VALUES,
    }
    return render(request, "dashboards/bloc.html", context)


@login_required
def organization(request: HttpRequest, organization_id: int) -> HttpResponse:
    org = _organization(request, organization_id)
    choice = _period(request)
    card = figures.organization_scorecard(org, choice.period)
    heads = figures.head_seats_of(org)
    return _scorecard_page(request, card, choice, organization=org, heads=heads)


@login_required
def head(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    choice = _period(request)
    card = figures.head_scorecard(member, choice.period, timezone.localdate())
    if card is None:  # holds no seat, heads no agency: their own scorecard is the member's
        return redirect(f"{_member_url(member)}?{choice.query}")
    return _scorecard_page(request, card, choice, member=member)


def _member_url(member: Member) -> str:
    return reverse("dashboards:member", args=[member.pk])


@login_required
def member(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    choice = _period(request)
    card = figures.member_scorecard(member, choice.period, timezone.localdate())
    return _scorecard_page(request, card, choice, member=member)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in member's own scorecard ("my" pages)."""
    member_id = getattr(request.user, "member_id", None)
    if not member_id:
        raise Http404
    query = request.GET.urlencode()
    return redirect(_member_url(_member(request, member_id)) + (f"?{query}" if query else ""))


@login_required
def drill(request: HttpRequest, organization_id: int, key: str) -> HttpResponse:
    """A figure's number on the bloc's dashboard: to the list of the records it counts."""
    org = _organization(request, organization_id)
    definition = figures.BY_KEY.get(key)
    if definition is None:
        raise Http404
    choice = _period(request)
    as_of = figures.as_of_day(selectors.freshness())
    url = definition.drill(figures.Scope(org.pk, choice.period, as_of))
    if url is None:
        raise Http404
    return redirect(url)
