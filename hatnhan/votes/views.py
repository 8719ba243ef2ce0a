"""Pages for votes, phone-first: the secretary puts a question to the meeting (show of hands
with its counts, or a secret ballot), present members vote on their phones, the result
appears only once the vote is closed, next to the recount from the stored ballots. Thin:
selectors read through the restriction, services write."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from hatnhan.core.filters import filter_list
from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, VIEW, can
from hatnhan.meetings.models import AttendanceStatus, Meeting

from . import selectors, services
from .filters import VoteFilter
from .forms import BallotForm, VoteForm
from .models import Choice, Method, Vote, VoteState


def _vote(request: HttpRequest, vote_id: int) -> Vote:
    return get_object_or_404(
        Vote.objects.restrict(request.user, VIEW).select_related(
            "meeting__organization", "meeting__chair"
        ),
        pk=vote_id,
    )


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.restrict(request.user, VIEW).select_related("organization"),
        pk=meeting_id,
    )


def _go(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@login_required
@require_GET
def vote_list(request: HttpRequest) -> HttpResponse:
    filterset, votes = filter_list(VoteFilter, request, selectors.vote_list(request.user))
    return render(
        request,
        "votes/vote_list.html",
        {
            "page": paginate(request, votes),
            "filterset": filterset,
            "filter_problems": filterset.problems(),
            "states": VoteState.choices,
            "state": filterset.form.cleaned_data.get("state") or "",
        },
    )


@login_required
@require_GET
def meeting_votes(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return render(
        request,
        "votes/meeting_votes.html",
        {
            "meeting": meeting,
            "votes": selectors.votes_of_meeting(request.user, meeting),
            "can_write": can(request.user, CHANGE, meeting),
        },
    )


@login_required
def vote_create(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    if not can(request.user, CHANGE, meeting):
        raise PermissionDenied(_("Đồng chí không có quyền mở biểu quyết ở cuộc sinh hoạt này."))
    form = VoteForm(request.POST or None)

    def write(data: dict[str, Any]) -> Vote:
        if data["method"] == Method.HANDS:
            return services.record_show_of_hands(
                actor=request.user,
                meeting=meeting,
                question=data["question"],
                subject=data["subject"],
                votes_for=data["votes_for"],
                votes_against=data.get("votes_against") or 0,
                abstentions=data.get("abstentions") or 0,
            )
        return services.open_secret_ballot(
            actor=request.user, meeting=meeting, question=data["question"], subject=data["subject"]
        )

    wrote = write_form(request, form, write)
    if wrote:
        return _go(request, reverse("votes:detail", args=[wrote.result.pk]))
    return render(
        request,
        "votes/vote_form.html",
        {"form": form, "meeting": meeting, "eligible": len(services.eligible_voters(meeting))},
    )


def _status_context(request: HttpRequest, vote: Vote) -> dict[str, Any]:
    member = getattr(request.user, "member", None)
    present = (
        member is not None
        and vote.meeting.attendances.filter(member=member, status=AttendanceStatus.PRESENT).exists()
    )
    voted = selectors.has_voted(vote, member)
    return {
        "vote": vote,
        "cast_count": selectors.cast_count(vote),
        "stored": selectors.stored(vote),
        "recount": selectors.recount(vote),
        "can_close": vote.is_open and vote.is_secret and can(request.user, CHANGE, vote.meeting),
        "may_cast": vote.is_open
        and vote.is_secret
        and present
        and not voted
        and services.may_vote(member),
        "voted": voted,
        "present": present,
        "choices": Choice.choices,
    }


@login_required
@require_GET
def vote_detail(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote(request, vote_id)
    return render(request, "votes/vote_detail.html", _status_context(request, vote))


@login_required
@require_GET
def vote_status(request: HttpRequest, vote_id: int) -> HttpResponse:
    """The part of the vote page that changes (ballots in, result once closed), which the
    page asks for every few seconds while the vote is open."""
    vote = _vote(request, vote_id)
    return render(request, "votes/_status.html", _status_context(request, vote))


def _refused(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    messages.error(request, text)


@login_required
@require_POST
def cast(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote(request, vote_id)
    form = BallotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn tán thành, không tán thành hoặc không biểu quyết."))
    else:
        try:
            services.cast_ballot(actor=request.user, vote=vote, choice=form.cleaned_data["choice"])
            messages.success(request, _("Đã nhận phiếu của đồng chí."))
        except (ValidationError, PermissionDenied) as exc:
            _refused(request, exc)
    return _go(request, reverse("votes:detail", args=[vote.pk]))


@login_required
@require_POST
def close(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = _vote(request, vote_id)
    try:
        services.close_vote(actor=request.user, vote=vote)
        messages.success(request, _("Đã kết thúc biểu quyết."))
    except (ValidationError, PermissionDenied) as exc:
        _refused(request, exc)
    return _go(request, reverse("votes:detail", args=[vote.pk]))
