"""Pages of the review: rounds, a round's rows, a row with its metrics, records and rules, the
forms of each step, the inflation watch, the rulebooks, and the Word and Excel outputs. Thin:
reads through the restriction, writes through the services."""

from collections import defaultdict
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hatnhan.core.docx import docx_response
from hatnhan.core.filters import filter_list
from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, VIEW, can, restrict
from hatnhan.core.views import form_page, saved

from . import documents, forms, metrics, services
from .filters import EvaluationFilter
from .models import LEVEL_ORDER, Evaluation, Level, Round, Rulebook, level_rank

_form_page = partial(form_page, template="directives/form.html")


def _round(request: HttpRequest, round_id: int, action: str = VIEW) -> Round:
    qs = Round.objects.select_related("organization", "rulebook")
    return get_object_or_404(restrict(qs, request.user, action), pk=round_id)


def _row(request: HttpRequest, evaluation_id: int) -> Evaluation:
    qs = Evaluation.objects.select_related(
        "round__organization", "round__rulebook", "member", "organization", "unit"
    )
    return get_object_or_404(restrict(qs, request.user, VIEW), pk=evaluation_id)


def _write(
    request: HttpRequest, form: Any, write: Any, *, title: str, back: str, done: str
) -> HttpResponse:
    if write_form(request, form, write):
        messages.success(request, done)
        return saved(request, back)
    return _form_page(request, form, title=title, back=back)


# --- rounds ---------------------------------------------------------------------------------
@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = restrict(Round.objects.select_related("organization", "rulebook"), request.user)
    mine = Evaluation.objects.none()
    if getattr(request.user, "member_id", None):
        mine = Evaluation.objects.filter(member_id=request.user.member_id).select_related(
            "round__organization"
        )
    return render(
        request,
        "evaluations/round_list.html",
        {
            "page": paginate(request, rounds),
            "mine": mine,
            "can_create": restrict_any(request.user),
            "rulebooks": Rulebook.objects.all(),
        },
    )


def restrict_any(user: Any) -> bool:
    from hatnhan.organizations.models import Organization

    return restrict(Organization.objects.all(), user, CHANGE).exists()


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    if not restrict_any(request.user):
        raise PermissionDenied(_("Đồng chí không có quyền lập đợt đánh giá."))
    form = forms.RoundForm(request.POST or None, user=request.user)
    wrote = write_form(
        request, form, lambda data: services.create_round(actor=request.user, **data)
    )
    if wrote:
        messages.success(request, _("Đã lập đợt đánh giá."))
        return saved(request, wrote.result.get_absolute_url())
    return _form_page(
        request, form, title=_("Lập đợt đánh giá, xếp loại"), back=reverse("evaluations:rounds")
    )


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id)
    rows = restrict(round.evaluations.all(), request.user).select_related(
        "member", "organization", "unit"
    )
    filterset, rows = filter_list(EvaluationFilter, request, rows)
    return render(
        request,
        "evaluations/round_detail.html",
        {
            "round": round,
            "filter": filterset,
            "page": paginate(request, rows),
            "may_change": can(request.user, CHANGE, round),
            "levels": LEVEL_ORDER,
        },
    )


@login_required
def round_progress(request: HttpRequest, round_id: int) -> HttpResponse:
    """The progress bar's fragment, polled by htmx while the round computes."""
    return render(request, "evaluations/_progress.html", {"round": _round(request, round_id)})


@login_required
@require_POST
def round_compute(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id, CHANGE)
    try:
        services.compute_round(actor=request.user, round=round)
        messages.success(request, _("Đã tính (hoặc đang tính) kết quả từ dữ liệu."))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return saved(request, round.get_absolute_url())


@login_required
@require_POST
def round_lock(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id, CHANGE)
    try:
        services.lock_round(actor=request.user, round=round)
        messages.success(request, _("Đã chốt đợt đánh giá."))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return saved(request, round.get_absolute_url())


@login_required
def round_reopen(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id, CHANGE)
    form = forms.ReopenForm(request.POST or None)
    return _write(
        request,
        form,
        lambda d: services.reopen_round(actor=request.user, round=round, reason=d["reason"]),
        title=_("Mở lại đợt đánh giá đã chốt"),
        back=round.get_absolute_url(),
        done=_("Đã mở lại đợt đánh giá."),
    )


@login_required
def round_watch(request: HttpRequest, round_id: int) -> HttpResponse:
    """The inflation watch: where final levels stand above the record's proposals, by
    organization, with the share of "excellent" decided against the record's."""
    round = _round(request, round_id)
    rows = (
        restrict(round.evaluations.filter(excluded=False, member__isnull=False), request.user)
        .values("unit_id", "unit__name", "proposed_level", "final_level")
        .annotate(n=Count("pk"))
        .order_by("unit__name")
    )
    table: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"rows": 0, "above": 0, "excellent_final": 0, "excellent_record": 0}
    )
    for r in rows:
        t = table[r["unit_id"]]
        t["name"] = r["unit__name"]
        t["rows"] += r["n"]
        final, proposed = r["final_level"], r["proposed_level"]
        if final and proposed and level_rank(final) < level_rank(proposed):
            t["above"] += r["n"]
        t["excellent_final"] += r["n"] if r["final_level"] == Level.EXCELLENT else 0
        t["excellent_record"] += r["n"] if r["proposed_level"] == Level.EXCELLENT else 0
    for t in table.values():
        t["share_final"] = t["excellent_final"] / t["rows"] if t["rows"] else 0
        t["share_record"] = t["excellent_record"] / t["rows"] if t["rows"] else 0
        t["inflated"] = t["above"] > 0 or t["share_final"] > t["share_record"]
    return render(
        request,
        "evaluations/watch.html",
        {"round": round, "table": sorted(table.values(), key=lambda t: -t["above"])},
    )


@login_required
def round_report_docx(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id)
    rows = list(
        restrict(round.evaluations.all(), request.user).select_related("member", "organization")
    )
    return docx_response(
        documents.collective_report(round, rows, timezone.localdate()),
        filename=f"mau-01-bao-cao-kiem-diem-{round.pk}",
    )


@login_required
def round_levels_xlsx(request: HttpRequest, round_id: int) -> HttpResponse:
    round = _round(request, round_id)
    rows = restrict(round.evaluations.all(), request.user).select_related(
        "member", "organization", "unit"
    )
    return documents.levels_xlsx(round, rows)


# --- a row ----------------------------------------------------------------------------------
@login_required
def row_detail(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    row = _row(request, evaluation_id)
    records = metrics.records(
        row.round, row.subject_kind, row.member_id or row.organization_id, timezone.localdate()
    )
    by_metric: dict[str, list[metrics.Record]] = defaultdict(list)
    for record in records:
        by_metric[record.metric].append(record)
    may_change = can(request.user, CHANGE, row)
    own = row.member_id is not None and row.member_id == getattr(request.user, "member_id", None)
    return render(
        request,
        "evaluations/row_detail.html",
        {
            "row": row,
            "round": row.round,
            "metric_rows": [
                (metrics.label(k), v, by_metric.get(k, [])) for k, v in row.metrics.items()
            ],
            "records": records,
            "failed": row.failed_rules,
            "may_change": may_change and not row.round.is_locked,
            "may_self": own and not row.round.is_locked and not row.excluded,
        },
    )


def _step(
    request: HttpRequest,
    evaluation_id: int,
    form_class: type,
    write: Any,
    *,
    title: str,
    done: str,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    row = _row(request, evaluation_id)
    form = form_class(request.POST or None, initial=initial(row) if initial else None)
    return _write(
        request,
        form,
        lambda d: write(row, d),
        title=f"{title}: {row}",
        back=row.get_absolute_url(),
        done=done,
    )


@login_required
def row_self(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    return _step(
        request,
        evaluation_id,
        forms.SelfAssessmentForm,
        lambda row, d: services.self_assess(actor=request.user, evaluation=row, **d),
        title=_("Tự kiểm điểm"),
        done=_("Đã ghi bản tự kiểm điểm."),
        initial=lambda row: {
            "self_form": row.self_form or "2B",
            "strengths": row.self_strengths,
            "weaknesses": row.self_weaknesses,
            "remedies": row.self_remedies,
            "general_score": row.self_general_score,
            "level": row.self_level,
        },
    )


@login_required
def row_review(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    return _step(
        request,
        evaluation_id,
        forms.ReviewForm,
        lambda row, d: services.review(actor=request.user, evaluation=row, **d),
        title=_("Cấp ủy nhận xét, chấm điểm"),
        done=_("Đã ghi nhận xét của cấp ủy."),
        initial=lambda row: {
            "general_score": row.general_score,
            "proposed_level": row.committee_level,
            "comment": row.committee_comment,
        },
    )


@login_required
def row_meeting(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    return _step(
        request,
        evaluation_id,
        forms.MeetingForm,
        lambda row, d: services.record_meeting(actor=request.user, evaluation=row, **d),
        title=_("Ý kiến hội nghị"),
        done=_("Đã ghi ý kiến hội nghị."),
        initial=lambda row: {"level": row.meeting_level or row.committee_level},
    )


@login_required
def row_decide(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    return _step(
        request,
        evaluation_id,
        forms.DecideForm,
        lambda row, d: services.decide(actor=request.user, evaluation=row, **d),
        title=_("Quyết định mức xếp loại"),
        done=_("Đã ghi mức xếp loại."),
        initial=lambda row: {
            "final_level": row.final_level or row.meeting_level or row.proposed_level
        },
    )


@login_required
def row_self_docx(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    row = _row(request, evaluation_id)
    if row.member_id is None:
        raise PermissionDenied(_("Bản tự kiểm điểm là của đảng viên."))
    return docx_response(
        documents.self_review(row, timezone.localdate()), filename=f"ban-tu-kiem-diem-{row.pk}"
    )


# --- rulebooks ------------------------------------------------------------------------------
@login_required
def rulebook_detail(request: HttpRequest, code: str) -> HttpResponse:
    rulebook = get_object_or_404(Rulebook, code=code)
    return render(
        request,
        "evaluations/rulebook.html",
        {"rulebook": rulebook, "rules": rulebook.rules.all()},
    )
