"""A scorecard's other forms: the printable A4 page and the Excel and Word files. Each reads the
organization or member through the same restricted lookups and period as the scorecard's page
(views.py), so a foreign id answers 404 here too, and draws from the same `Scorecard`."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation

from hatnhan.core.docx import docx_response
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization

from . import documents, figures, printing
from .scorecard import Scorecard
from .views import _member, _organization, _period


def _in_vietnamese(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The files are the party's papers: their labels and units in Vietnamese whatever the
    interface's language (the figures' labels are translated when the scorecard is built)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        with translation.override("vi"):
            return view(request, *args, **kwargs)

    return wrapped


def _organization_card(
    request: HttpRequest, organization_id: int
) -> tuple[Organization, Scorecard]:
    org = _organization(request, organization_id)
    return org, figures.organization_scorecard(org, _period(request).period)


def _member_card(request: HttpRequest, member_id: int, kind: str) -> tuple[Member, Scorecard]:
    member = _member(request, member_id)
    period = _period(request).period
    today = timezone.localdate()
    if kind == "head":
        card = figures.head_scorecard(member, period, today)
        if card is None:  # heads nothing: the page sends them to the member's scorecard
            raise Http404
    else:
        card = figures.member_scorecard(member, period, today)
    return member, card


def _issuer(org: Organization) -> tuple[str, str]:
    parent = org.parent
    return org.name, parent.name if parent else ""


def _word(card: Scorecard, org: Organization) -> HttpResponse:
    issuer, superior = _issuer(org)
    doc = documents.party_document(
        card,
        issuer=issuer,
        superior=superior,
        today=timezone.localdate(),
        place=settings.DOCUMENT_PLACE,
    )
    return docx_response(doc, filename=documents.filename(card, "docx"))


@login_required
def organization_print(request: HttpRequest, organization_id: int) -> HttpResponse:
    org, card = _organization_card(request, organization_id)
    back = reverse("dashboards:organization", args=[org.pk])
    return render(
        request,
        "dashboards/print.html",
        {
            "card": card,
            # The dashed line: each figure's months a year before, read with the period's.
            "charts": printing.print_charts(card),
            "today": timezone.localdate(),
            "back_url": f"{back}?{_period(request).query}",
        },
    )


@login_required
@_in_vietnamese
def organization_xlsx(request: HttpRequest, organization_id: int) -> HttpResponse:
    return documents.xlsx_response(_organization_card(request, organization_id)[1])


@login_required
@_in_vietnamese
def organization_docx(request: HttpRequest, organization_id: int) -> HttpResponse:
    org, card = _organization_card(request, organization_id)
    return _word(card, org)


@login_required
@_in_vietnamese
def head_xlsx(request: HttpRequest, member_id: int) -> HttpResponse:
    return documents.xlsx_response(_member_card(request, member_id, "head")[1])


@login_required
@_in_vietnamese
def head_docx(request: HttpRequest, member_id: int) -> HttpResponse:
    _member_row, card = _member_card(request, member_id, "head")
    # The organization the head leads (the card's): its name issues the report.
    org = Organization.objects.select_related("parent").get(pk=card.organization_id)
    return _word(card, org)


@login_required
@_in_vietnamese
def member_xlsx(request: HttpRequest, member_id: int) -> HttpResponse:
    return documents.xlsx_response(_member_card(request, member_id, "member")[1])


@login_required
@_in_vietnamese
def member_docx(request: HttpRequest, member_id: int) -> HttpResponse:
    member, card = _member_card(request, member_id, "member")
    return _word(card, member.organization)
