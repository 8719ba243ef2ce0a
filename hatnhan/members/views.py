"""Member pages: the list, one member, and the member/transfer/seat forms.
Views are thin: read through selectors (restricted), write through services."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hatnhan.core.filters import filter_list, id_or_none
from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, VIEW, can, reach
from hatnhan.core.widgets import picker_matches, search
from hatnhan.organizations.models import Organization

from . import picker, sections, selectors
from .filters import MemberFilter
from .forms import MemberForm, SeatForm, TransferForm, member_label
from .models import CommitteeSeat, Member, MemberStatus
from .services import create_member, create_seat, transfer_member, update_member, update_seat


def _require_change(request: HttpRequest, obj: Model) -> None:
    """Seen but not changeable (an inspector, a member on their own record): 403, not 404."""
    if not can(request.user, CHANGE, obj):
        raise PermissionDenied(_("Đồng chí không có quyền thay đổi mục này."))


@login_required
@require_GET
def pick(request: HttpRequest, source: str) -> HttpResponse:
    """A long picker's matches for the words typed (core.widgets.PickerMixin): the options of
    its select, at most PICKER_MAX_OPTIONS, in the Vietnamese order of names."""
    query = (request.GET.get("q") or "").strip()
    members = picker.choices(request.user, source, request.GET)
    found = search(members, query)[: settings.PICKER_MAX_OPTIONS] if query else []
    options = picker_matches([(m.pk, member_label(m)) for m in found])
    return HttpResponse(options, content_type="text/html; charset=utf-8")


def _member(request: HttpRequest, member_id: int) -> Member:
    return get_object_or_404(selectors.viewable_members(request.user), pk=member_id)


@login_required
@require_GET
def member_list(request: HttpRequest) -> HttpResponse:
    organizations = Organization.objects.restrict(request.user, VIEW).order_by("path")
    filterset, rows = filter_list(MemberFilter, request, selectors.member_list(request.user))
    chosen = filterset.form.cleaned_data
    context = {
        "members": paginate(request, rows),
        "organizations": organizations,
        "organization": chosen.get("organization"),
        "status": chosen.get("status") or "",
        "statuses": MemberStatus.choices,
        "query": request.GET.get("q", ""),
        "filter_problems": filterset.problems(),
        "can_add": bool(reach(request.user, CHANGE)),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "members/list.html#results", context)
    return render(request, "members/list.html", context)


@login_required
@require_GET
def detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    seats = list(selectors.seats_of(member))
    transfers = list(selectors.transfers_of(member))
    return render(
        request,
        "members/detail.html",
        {
            "member": member,
            "seats": seats,
            "transfers": transfers,
            # The member's own changes with those of their seats and transfers, one timeline.
            "history_objects": [member, *seats, *transfers],
            "can_change": can(request.user, CHANGE, member),
            # The higher apps' parts (discipline, …): members.sections.
            "sections": sections.detail_sections(request, member),
        },
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not reach(request.user, CHANGE):
        raise PermissionDenied(_("Đồng chí không có quyền thêm đảng viên."))
    organization = None
    if org_id := id_or_none(request.GET.get("organization")):
        organization = get_object_or_404(
            Organization.objects.restrict(request.user, VIEW), pk=org_id
        )
    form = MemberForm(request.POST or None, user=request.user, organization=organization)
    if wrote := write_form(request, form, lambda data: _create_member(request, data)):
        messages.success(request, _("Đã thêm đảng viên %(name)s.") % {"name": wrote.result})
        return redirect("members:detail", member_id=wrote.result.pk)
    return render(request, "members/form.html", {"form": form, "member": None})


def _create_member(request: HttpRequest, data: dict[str, Any]) -> Member:
    values = dict(data)
    return create_member(actor=request.user, organization=values.pop("organization"), **values)


@login_required
def edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    _require_change(request, member)
    form = MemberForm(request.POST or None, user=request.user, instance=member)
    if changed := write_form(
        request, form, lambda data: update_member(actor=request.user, member=member, **data)
    ):
        messages.success(
            request, _("Đã lưu thay đổi.") if changed.result else _("Không có gì thay đổi.")
        )
        return redirect("members:detail", member_id=member.pk)
    return render(request, "members/form.html", {"form": form, "member": member})


@login_required
def transfer(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member(request, member_id)
    _require_change(request, member)
    form = TransferForm(request.POST or None, user=request.user, member=member)
    if write_form(
        request, form, lambda data: transfer_member(actor=request.user, member=member, **data)
    ):
        messages.success(request, _("Đã chuyển sinh hoạt."))
        # After a move out of the user's reach the member page would 404: go to the list.
        if Member.objects.restrict(request.user, VIEW).filter(pk=member.pk).exists():
            return redirect("members:detail", member_id=member.pk)
        return redirect("members:list")
    return render(request, "members/transfer_form.html", {"form": form, "member": member})


@login_required
def seat_create(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.restrict(request.user, VIEW), pk=organization_id
    )
    _require_change(request, organization)
    initial = {}
    if member_id := id_or_none(request.GET.get("member")):
        initial["member"] = member_id
    form = SeatForm(request.POST or None, organization=organization, initial=initial)
    if write_form(
        request,
        form,
        lambda data: create_seat(actor=request.user, organization=organization, **data),
    ):
        messages.success(request, _("Đã thêm chức danh cấp ủy."))
        return redirect("organizations:detail", organization_id=organization.pk)
    return render(
        request,
        "members/seat_form.html",
        {"form": form, "organization": organization, "seat": None},
    )


@login_required
def seat_edit(request: HttpRequest, seat_id: int) -> HttpResponse:
    seat = get_object_or_404(
        CommitteeSeat.objects.restrict(request.user, VIEW).select_related("organization", "member"),
        pk=seat_id,
    )
    _require_change(request, seat)
    form = SeatForm(request.POST or None, organization=seat.organization, instance=seat)
    if write_form(request, form, lambda data: update_seat(actor=request.user, seat=seat, **data)):
        messages.success(request, _("Đã lưu thay đổi."))
        return redirect("members:detail", member_id=seat.member_id)
    return render(
        request,
        "members/seat_form.html",
        {"form": form, "organization": seat.organization, "seat": seat},
    )


def organization_section(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    """The organization page's committee and members (registered in apps.py); the page already
    checked that the user sees the organization. The list shows every status; the count
    beside it, like the tree's, only members "đang sinh hoạt"."""
    members = paginate(request, selectors.subtree_members(organization))
    committee = list(selectors.current_committee(organization))
    return {
        "members": members,
        "committee": committee,
        # The sitting committee's changes belong to the organization's history.
        "history_objects": committee,
    }
