from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, VIEW, reach
from hatnhan.meetings import sections as meeting_sections
from hatnhan.organizations.selectors import tree_roots

from . import selectors

# Organizations listed with the member results; more means the query should be narrower.
ORGANIZATION_RESULTS = 20


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: the work waiting for this person in each role they hold, then what
    they reach, search and the latest changes in their organizations."""
    user = request.user
    today = timezone.localdate()
    sees_organizations = bool(reach(user, VIEW))
    work = selectors.home(user, today=today)
    board = reverse("tasks:board")
    return render(
        request,
        "portal/home.html",
        {
            "today": today,
            "week_days": selectors.WEEK_DAYS,
            "work": work,
            # The task board, filtered to what each home list shows.
            "board_links": {
                "overdue": f"{board}?{urlencode({'status': 'open', 'overdue': 'on'})}",
                "week": f"{board}?"
                + urlencode(
                    {"status": "open", "due_from": today, "due_to": selectors.week_end(today)}
                ),
            },
            "roots": tree_roots(user),
            "overview": selectors.overview(user) if sees_organizations else None,
            "recent": selectors.recent_changes(user),
            "can_change": bool(reach(user, CHANGE)),
            "sees_organizations": sees_organizations,
            "own_member": user.member if user.member_id else None,
            "meetings_home": meeting_sections.home(user),
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
