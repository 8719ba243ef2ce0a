"""What the apps above members add to a member's page (discipline decisions, …). members may
not import them (docs/layers.md): each registers here from its AppConfig.ready and the member
page reads the registry. An app that is not installed adds nothing."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from .models import Member

# A section: {"template": the part's template, ...its context}, or {} for nothing to show.
DetailSection = Callable[[HttpRequest, Member], dict[str, Any]]

_detail_sections: list[DetailSection] = []


def register(*, detail: DetailSection) -> None:
    """Add a higher app's part (once, however often ready() runs)."""
    if detail not in _detail_sections:
        _detail_sections.append(detail)


def detail_sections(request: HttpRequest, member: Member) -> list[dict[str, Any]]:
    """The member page's parts from the higher apps, each with its template."""
    return [part for section in _detail_sections if (part := section(request, member))]
