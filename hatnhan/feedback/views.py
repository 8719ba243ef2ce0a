"""Pages of citizens' reports.

Public (no account): the agencies, an agency's report form (works without JavaScript and on a
phone), the receipt, following a report with its code and secret, the statistics. Handler
side: the board (one FilterSet with the API and export), a report's page with its actions,
the custodian's identity requests, file downloads. Thin: selectors read through the
restriction, services write. The reporter's identity is read in one place only
(`identity`), through services.view_identity, which logs it."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hatnhan.core.downloads import restricted_file
from hatnhan.core.filters import filter_list, refused
from hatnhan.core.forms import add_service_errors, write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import CHANGE, can
from hatnhan.core.views import form_page, saved
from hatnhan.organizations.models import Organization

from . import abuse, forms, selectors, services
from .filters import ReportFilter
from .models import Category, FeedbackFile, Status
from .xlsx import reports_xlsx

_form_page = partial(form_page, template="directives/form.html")


# --- public ---------------------------------------------------------------------------------
def agency(ref: str) -> Organization:
    """The agency of a public page, by id or by code; 404 for anything else."""
    found = services.public_agency(ref)
    if found is None:
        raise Http404(_("Không tìm thấy cơ quan, đơn vị này."))
    return found


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    agencies = services.public_organizations().order_by("name")
    return render(request, "feedback/public_index.html", {"agencies": agencies})


@never_cache
@require_http_methods(["GET", "POST"])
def public_report(request: HttpRequest, organization_ref: str) -> HttpResponse:
    organization = agency(organization_ref)
    form = forms.PublicReportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"organization": organization, "form": form}
    if request.method == "POST":
        if abuse.submit_refused(request, organization.pk):
            return render(request, "feedback/public_limited.html", context, status=429)
        if abuse.is_robot(request.POST):
            return render(request, "feedback/public_limited.html", context, status=400)
        if form.is_valid():
            verified = abuse.proof_valid(
                form.cleaned_data.get("pow_challenge", ""), form.cleaned_data.get("pow_nonce", "")
            )
            try:
                report, secret = services.submit_report(
                    organization=organization, verified=verified, **form.service_data()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return render(
                    request,
                    "feedback/public_receipt.html",
                    {"organization": organization, "report": report, "secret": secret},
                )
    context["challenge"] = abuse.new_challenge()
    context["pow_bits"] = abuse.settings.FEEDBACK_POW_BITS
    return render(request, "feedback/public_report.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def public_follow(request: HttpRequest) -> HttpResponse:
    form = forms.FollowForm(request.POST or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST":
        if abuse.follow_refused(request):
            return render(request, "feedback/public_limited.html", context, status=429)
        if form.is_valid():
            report = services.follow(
                code=form.cleaned_data["code"], secret=form.cleaned_data["secret"]
            )
            if report is not None:
                return render(request, "feedback/public_status.html", {"report": report})
        # One answer for an unknown code and a wrong secret: it tells nothing.
        context["not_found"] = True
    return render(request, "feedback/public_follow.html", context)


@require_GET
def public_stats(request: HttpRequest, organization_ref: str = "") -> HttpResponse:
    organization = agency(organization_ref) if organization_ref else None
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year)
    return render(
        request,
        "feedback/public_stats.html",
        {
            "organization": organization,
            "year": year,
            "stats": selectors.statistics(organization, year),
            "agencies": services.public_organizations().order_by("name"),
        },
    )


# --- handler side ---------------------------------------------------------------------------
@login_required
def board(request: HttpRequest) -> HttpResponse:
    reports = selectors.report_list(request.user)
    filterset, rows = filter_list(ReportFilter, request, reports)
    today = timezone.localdate()
    return render(
        request,
        "feedback/board.html",
        {
            "page": paginate(request, rows),
            "filterset": filterset,
            "filter_problems": filterset.problems(),
            "counts": selectors.board_counts(reports, today),
            "today": today,
            "statuses": Status.choices,
            "categories": Category.choices,
            "status": request.GET.get("status", ""),
            "category": request.GET.get("category", ""),
            "is_custodian": services.is_custodian(request.user),
        },
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    filterset, rows = filter_list(ReportFilter, request, selectors.report_list(request.user))
    if filterset.problems():
        return refused(request, filterset)
    return reports_xlsx(rows, today=timezone.localdate())


@login_required
def report(request: HttpRequest, report_id: int) -> HttpResponse:
    found = selectors.report_detail(request.user, report_id)
    may_change = can(request.user, CHANGE, found)
    return render(
        request,
        "feedback/report_detail.html",
        {
            "report": found,
            "files": list(found.files.all()),
            "requests": list(
                found.identity_requests.select_related("requested_by__member", "decided_by__member")
            ),
            "views": list(found.identity_views.select_related("viewed_by__member")[:50]),
            "may_change": may_change,
            "approved": services.approved_request(request.user, found),
            "today": timezone.localdate(),
            "has_identity": services.identity_left(found),
        },
    )


def _handled(request: HttpRequest, report_id: int) -> Any:
    found = selectors.report_detail(request.user, report_id)
    if not can(request.user, CHANGE, found):
        raise PermissionDenied(_("Đồng chí không có quyền xử lý phản ánh này."))
    return found


def _action(
    request: HttpRequest,
    report_id: int,
    form_class: type,
    write: Any,
    *,
    title: str,
    done: str,
    **form_kwargs: Any,
) -> HttpResponse:
    found = _handled(request, report_id)
    kwargs = {
        name: (found if value == "report" else request.user) for name, value in form_kwargs.items()
    }
    form = form_class(request.POST or None, **kwargs)
    back = reverse("feedback:report", args=[found.pk])
    if write_form(request, form, lambda data: write(found, data)):
        messages.success(request, done)
        return saved(request, back)
    return _form_page(request, form, title=title, subtitle=found.receipt_code, back=back)


@login_required
def verify(request: HttpRequest, report_id: int) -> HttpResponse:
    return _action(
        request,
        report_id,
        forms.NoteForm,
        lambda r, d: services.verify_report(actor=request.user, report=r),
        title=_("Xác minh phản ánh"),
        done=_("Đã chuyển phản ánh sang hàng đã xác minh."),
    )


@login_required
def triage(request: HttpRequest, report_id: int) -> HttpResponse:
    return _action(
        request,
        report_id,
        forms.TriageForm,
        lambda r, d: services.triage_report(actor=request.user, report=r, **d),
        title=_("Phân loại phản ánh"),
        done=_("Đã phân loại phản ánh."),
        report="report",
        user="user",
    )


@login_required
def answer(request: HttpRequest, report_id: int) -> HttpResponse:
    return _action(
        request,
        report_id,
        forms.AnswerForm,
        lambda r, d: services.answer_report(actor=request.user, report=r, **d),
        title=_("Trả lời người phản ánh"),
        done=_("Đã ghi câu trả lời."),
    )


@login_required
def to_task(request: HttpRequest, report_id: int) -> HttpResponse:
    return _action(
        request,
        report_id,
        forms.TaskForm,
        lambda r, d: services.report_to_task(actor=request.user, report=r, **d),
        title=_("Chuyển thành nhiệm vụ"),
        done=_("Đã giao nhiệm vụ từ phản ánh."),
        report="report",
        user="user",
    )


@login_required
def to_case(request: HttpRequest, report_id: int) -> HttpResponse:
    return _action(
        request,
        report_id,
        forms.CaseForm,
        lambda r, d: services.report_to_case(actor=request.user, report=r, **d),
        title=_("Chuyển thành cuộc kiểm tra"),
        done=_("Đã mở cuộc kiểm tra từ phản ánh."),
    )


@login_required
def close(request: HttpRequest, report_id: int) -> HttpResponse:
    return _action(
        request,
        report_id,
        forms.CloseForm,
        lambda r, d: services.close_report(actor=request.user, report=r, **d),
        title=_("Kết thúc phản ánh"),
        done=_("Đã kết thúc phản ánh."),
    )


@login_required
def identity_request(request: HttpRequest, report_id: int) -> HttpResponse:
    return _action(
        request,
        report_id,
        forms.IdentityRequestForm,
        lambda r, d: services.request_identity(actor=request.user, report=r, **d),
        title=_("Đề nghị xem danh tính người phản ánh"),
        done=_("Đã gửi đề nghị tới người được giao giữ bí mật."),
    )


@never_cache
@login_required
@require_GET
def identity(request: HttpRequest, report_id: int) -> HttpResponse:
    found = selectors.report_detail(request.user, report_id)
    try:
        shown = services.view_identity(actor=request.user, report=found)
    except PermissionDenied as exc:
        raise Http404(_("Không tìm thấy.")) from exc
    response = render(request, "feedback/identity.html", {"report": found, "identity": shown})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def custody_list(request: HttpRequest) -> HttpResponse:
    requests = selectors.custody_requests(request.user)
    if not services.is_custodian(request.user):
        raise PermissionDenied(_("Chỉ người được giao giữ bí mật danh tính mới xem trang này."))
    return render(
        request,
        "feedback/custody_list.html",
        {"page": paginate(request, requests)},
    )


@login_required
def custody_decide(request: HttpRequest, identity_request_id: int) -> HttpResponse:
    found = selectors.custody_request(request.user, identity_request_id)
    form = forms.DecideForm(request.POST or None)
    back = reverse("feedback:custody")
    if write_form(
        request,
        form,
        lambda d: services.decide_identity(actor=request.user, request=found, **d),
    ):
        messages.success(request, _("Đã ghi quyết định."))
        return saved(request, back)
    return _form_page(
        request,
        form,
        title=_("Quyết định đề nghị xem danh tính"),
        subtitle=f"{found.report.receipt_code} — {found.reason}",
        back=back,
    )


@login_required
def file_download(request: HttpRequest, feedback_file_id: int) -> FileResponse:
    files = FeedbackFile.objects.exclude(
        report__official_member_id=getattr(request.user, "member_id", None) or 0
    )
    return restricted_file(request, files, feedback_file_id)
