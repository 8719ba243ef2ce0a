"""Pages of discipline: the decisions (list, form, page, corrections) and the state body's
discipline with its notice. Thin: selectors read through the restriction, services write."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hatnhan.core.docx import docx_response
from hatnhan.core.filters import filter_list, id_or_none
from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import DISCIPLINE, can, reach
from hatnhan.core.views import form_page, saved
from hatnhan.members.models import Member

from . import selectors, services
from .document import decision_document
from .filters import DecisionFilter, StateDisciplineFilter
from .forms import CorrectionForm, DecisionForm, StateDisciplineCreateForm, StateNoticeForm
from .models import DecisionStatus, DisciplineForm

# Every record app's form pages share one template (errors in place, htmx posting).
_form_page = partial(form_page, template="directives/form.html")


def _can_decide(request: HttpRequest) -> bool:
    return bool(reach(request.user, DISCIPLINE))


def _require_decider(request: HttpRequest) -> None:
    if not _can_decide(request):
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    filterset, decisions = filter_list(
        DecisionFilter, request, selectors.decision_list(request.user)
    )
    page = paginate(request, decisions)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "discipline/decision_list.html",
        {
            "page": page,
            "filters": filterset.form,
            "filter_problems": filterset.problems(),
            "query": query.urlencode(),
            "can_decide": _can_decide(request),
            "forms": DisciplineForm.choices,
            "statuses": DecisionStatus.choices,
        },
    )


@login_required
def decision_create(request: HttpRequest) -> HttpResponse:
    _require_decider(request)
    initial: dict[str, Any] = {"decided_on": timezone.localdate()}
    if member_id := id_or_none(request.GET.get("member")):
        initial["member"] = member_id
    form = DecisionForm(request.POST or None, user=request.user, initial=initial)

    def write(data: dict[str, Any]) -> Any:
        return services.record_decision(actor=request.user, **data)

    if wrote := write_form(request, form, write):
        messages.success(request, _("Đã ghi nhận quyết định kỷ luật."))
        return saved(request, reverse("discipline:detail", args=[wrote.result.pk]))
    return _form_page(
        request, form, title=_("Ghi nhận quyết định kỷ luật"), back=reverse("discipline:list")
    )


@login_required
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = selectors.decision_detail(request.user, decision_id)
    corrections = list(decision.corrections.all())
    return render(
        request,
        "discipline/decision_detail.html",
        {
            "decision": decision,
            "corrections": corrections,
            "history_objects": [decision, *corrections],
            "can_correct": decision.in_force and _can_decide(request),
        },
    )


@login_required
def decision_word(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The decision in Word, the party's format (HD 36)."""
    decision = selectors.decision_detail(request.user, decision_id)
    return docx_response(
        decision_document(decision),
        filename=f"Quyết định kỷ luật {decision.number.replace('/', '-')}",
    )


@login_required
def decision_correct(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = selectors.decision_detail(request.user, decision_id)
    _require_decider(request)
    back = reverse("discipline:detail", args=[decision.pk])
    form = CorrectionForm(
        request.POST or None,
        user=request.user,
        initial={"decided_on": timezone.localdate(), "deciding_body": decision.deciding_body_id},
    )

    def write(data: dict[str, Any]) -> Any:
        return services.correct_decision(
            actor=request.user, decision=decision, **form.service_values()
        )

    if write_form(request, form, write):
        messages.success(request, _("Đã ghi nhận quyết định hủy bỏ, sửa đổi."))
        return saved(request, back)
    return _form_page(
        request,
        form,
        title=_("Hủy bỏ hoặc sửa đổi quyết định kỷ luật"),
        back=back,
        subtitle=str(decision),
    )


@login_required
def state_list(request: HttpRequest) -> HttpResponse:
    filterset, records = filter_list(
        StateDisciplineFilter, request, selectors.state_discipline_list(request.user)
    )
    page = paginate(request, records)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "discipline/state_list.html",
        {
            "page": page,
            "filters": filterset.form,
            "filter_problems": filterset.problems(),
            "query": query.urlencode(),
            "can_decide": _can_decide(request),
            "today": timezone.localdate(),
        },
    )


@login_required
def state_create(request: HttpRequest) -> HttpResponse:
    _require_decider(request)
    initial: dict[str, Any] = {}
    if member_id := id_or_none(request.GET.get("member")):
        initial["member"] = member_id
    form = StateDisciplineCreateForm(request.POST or None, user=request.user, initial=initial)

    def write(data: dict[str, Any]) -> Any:
        return services.record_state_discipline(actor=request.user, **data)

    if wrote := write_form(request, form, write):
        messages.success(request, _("Đã ghi nhận kỷ luật của chính quyền."))
        return saved(request, reverse("discipline:state", args=[wrote.result.pk]))
    return _form_page(
        request,
        form,
        title=_("Ghi nhận kỷ luật của chính quyền"),
        back=reverse("discipline:state-list"),
    )


@login_required
def state_detail(request: HttpRequest, state_discipline_id: int) -> HttpResponse:
    record = selectors.state_discipline_detail(request.user, state_discipline_id)
    may_record = can(request.user, DISCIPLINE, record) and record.notified_on is None
    form = StateNoticeForm(request.POST or None) if may_record else None
    if request.method == "POST" and form is None:
        raise PermissionDenied(_("Đồng chí không có quyền thực hiện thao tác này."))
    if form is not None and write_form(
        request,
        form,
        lambda data: services.record_state_notice(
            actor=request.user, state_discipline=record, **data
        ),
    ):
        messages.success(request, _("Đã ghi nhận ngày thông báo."))
        return saved(request, reverse("discipline:state", args=[record.pk]))
    return render(
        request,
        "discipline/state_detail.html",
        {
            "record": record,
            "late": record.is_late(),
            "form": form,
            "history_objects": [record],
        },
    )


def member_section(request: HttpRequest, member: Member) -> dict[str, Any]:
    """The member page's discipline (members.sections): the party's decisions and the state
    body's, as far as the page's user may read them."""
    decisions, state = selectors.of_member(request.user, member)
    can_decide = can(request.user, DISCIPLINE, member)
    if not decisions and not state and not can_decide:
        return {}
    return {
        "template": "discipline/_member_section.html",
        "decisions": decisions,
        "state": state,
        "can_decide": can_decide,
        "member": member,
    }
