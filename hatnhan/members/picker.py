"""Where a long member picker's matches come from (core.widgets.PickerMixin.search_from).

A source is named, and rebuilds from the request what the form's field offers: the members
the user may see (always through the one restriction), narrowed by the source's rule and
the organization the form is for. The page answers at most PICKER_MAX_OPTIONS options; the
form still validates the choice against its own field, so a source offering more than the
field accepts would only cost a clear "not a valid choice" error."""

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

from hatnhan.core.restrict import VIEW
from hatnhan.organizations.selectors import asked_for

from .models import Member, MemberStatus

Source = Callable[[Any, Mapping[str, str]], QuerySet[Member]]
SOURCES: dict[str, Source] = {}


def register(name: str, source: Source) -> Source:
    SOURCES[name] = source
    return source


def members_of(user: Any, params: Mapping[str, str]) -> QuerySet[Member]:
    """Members the user may see, inside the `organization` parameter's subtree when given (an
    organization out of reach answers 404, as everywhere)."""
    members = Member.objects.restrict(user, VIEW)
    organization = asked_for(user, params.get("organization"))
    if organization is not None:
        members = members.filter(organization__path__startswith=organization.path)
    return members


register("active", lambda user, params: members_of(user, params).filter(status=MemberStatus.ACTIVE))
register("all", members_of)


def url(source: str) -> str:
    if source not in SOURCES:
        raise KeyError(f"no member picker source {source!r}")
    return reverse("members:pick", args=[source])


def choices(user: Any, source: str, params: Mapping[str, str]) -> QuerySet[Member]:
    if source not in SOURCES:
        raise Http404
    # The source narrows; the restriction is applied here too, whatever a source does.
    return (
        SOURCES[source](user, params)
        .restrict(user, VIEW)
        .select_related("organization")
        .order_by("sort_key", "id")
    )
