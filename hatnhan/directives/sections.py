"""What the apps above directives add to its pages: the tasks serving a directive or a focus
issue, their roll-up and Excel export. directives may not import tasks (docs/layers.md), so
tasks registers its sections here from its AppConfig.ready and the pages read the registry.
An app that is not installed adds nothing."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from .models import Directive, FocusIssue

# A section answers the page's context, or a response of its own (an export) to send instead.
DirectiveSection = Callable[[HttpRequest, Directive], dict[str, Any] | HttpResponse]
FocusIssueSection = Callable[[HttpRequest, FocusIssue], dict[str, Any] | HttpResponse]

_directive_sections: list[DirectiveSection] = []
_focus_issue_sections: list[FocusIssueSection] = []


def register(
    *, directive: DirectiveSection | None = None, focus_issue: FocusIssueSection | None = None
) -> None:
    """Add a higher app's section. The same function twice is added once (ready() may run
    again in tests)."""
    if directive is not None and directive not in _directive_sections:
        _directive_sections.append(directive)
    if focus_issue is not None and focus_issue not in _focus_issue_sections:
        _focus_issue_sections.append(focus_issue)


def _gather(sections: list[Callable[..., Any]], *args: Any) -> dict[str, Any] | HttpResponse:
    context: dict[str, Any] = {}
    for section in sections:
        part = section(*args)
        if isinstance(part, HttpResponse):
            return part
        context.update(part)
    return context


def directive_context(request: HttpRequest, directive: Directive) -> dict[str, Any] | HttpResponse:
    return _gather(_directive_sections, request, directive)


def focus_issue_context(request: HttpRequest, issue: FocusIssue) -> dict[str, Any] | HttpResponse:
    return _gather(_focus_issue_sections, request, issue)
