from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, VIEW, reach
from hatnhan.organizations.selectors import tree_roots

from . import selectors

# Organizations listed with the member results; more means the query should be narrower.
ORGANIZATION_RESULTS = 20


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The landing page for the user's role: what they reach, counts, search, the way on."""
    user = request.user
    return render(
        request,
        "portal/home.html",
        {
            "roots": tree_roots(user),
            "overview": selectors.overview(user),
            "recent": selectors.recent_changes(user),
            "can_change": bool(reach(user, CHANGE)),
            "sees_organizations": bool(reach(user, VIEW)),
            "own_member": user.member if user.member_id else None,
        },
    )


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Members and organizations, ignoring diacritics, case and Unicode form."""
    query = request.GET.get("q", "").strip()
    context: dict[str, object] = {"query": query}
    if query:
        organizations = list(
            selectors.search_organizations(request.user, query)[: ORGANIZATION_RESULTS + 1]
        )
        context |= {
            "members": paginate(request, selectors.search_members(request.user, query)),
            "organizations": organizations[:ORGANIZATION_RESULTS],
            "more_organizations": len(organizations) > ORGANIZATION_RESULTS,
        }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "portal/search.html#results", context)
    return render(request, "portal/search.html", context)
