"""Thin pages: upload → preview → confirm, progress for large files, and Excel exports.

Every read goes through restrict(): a batch or list outside the user's reach is a 404
or is simply not in the file."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from hatnhan.core.background import waits_for_worker
from hatnhan.core.filters import refused
from hatnhan.core.forms import VietnameseForm
from hatnhan.core.restrict import CHANGE, has_any_role
from hatnhan.core.uploads import too_large_message
from hatnhan.organizations.forms import OrganizationChoiceField
from hatnhan.organizations.models import Organization

from . import exports, services
from .models import ExportJob, ExportStatus, ImportBatch
from .progress import read_progress
from .services import exporting


class ImportForm(VietnameseForm):
    organization = OrganizationChoiceField(
        label=gettext_lazy("Nhập vào tổ chức"), queryset=Organization.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp danh sách (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    create_cells = forms.BooleanField(
        label=gettext_lazy("Tạo các chi bộ có trong tệp mà tổ chức chưa có"), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The import has its own limit: the browser checks it with the server's message.
        limit = settings.EXCHANGE_IMPORT_MAX_BYTES
        self.fields["file"].widget.attrs.update(
            {
                "data-max-bytes": limit,
                "data-too-large": too_large_message(label="Tệp", size="{size}", limit=limit),
            }
        )
        field = self.fields["organization"]
        field.queryset = Organization.objects.restrict(user, CHANGE).filter(is_active=True)  # type: ignore[attr-defined]
        if not self.initial.get("organization"):
            only = list(field.queryset[:2])  # type: ignore[attr-defined]
            if len(only) == 1:  # one organization within reach: nothing to choose
                self.initial["organization"] = only[0].pk


def _batches(request: HttpRequest) -> Any:
    return ImportBatch.objects.restrict(request.user, CHANGE).select_related(
        "organization", "created_by__member"
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_members(request: HttpRequest) -> HttpResponse:
    initial = {"organization": request.GET.get("organization")}
    form = ImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.create_batch(
                actor=request.user,
                organization=form.cleaned_data["organization"],
                upload=form.cleaned_data["file"],
                create_cells=form.cleaned_data["create_cells"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            services.start_planning(actor=request.user, batch=batch)
            return redirect("exchange:batch", batch_id=batch.pk)
    recent = _batches(request)[:20]
    return render(request, "exchange/import.html", {"form": form, "batches": recent})


def _progress(batch: ImportBatch) -> dict[str, Any]:
    return _live(batch.pk, batch.is_running, batch.processed_rows, batch.total_rows, batch.task_id)


def _live(key: int | str, running: bool, done: int, total: int, task_id: str) -> dict[str, Any]:
    """A running import's or export's figures, for its progress bar."""
    live = read_progress(key) if running else None
    if live:
        done, total, phase = live
    else:
        # Running with no live figures yet: the task waits for the background worker —
        # or for none at all, which the page must say rather than wait forever.
        phase = "queued" if running else "read"
        if phase == "queued" and waits_for_worker(
            task_id, seconds=settings.EXCHANGE_WORKER_WAIT_SECONDS
        ):
            phase = "no-worker"
    total = max(total, done)
    percent = round(100 * done / total) if total else 0
    return {"done": done, "total": total, "percent": percent, "phase": phase}


def _admin_hint(request: HttpRequest) -> bool:
    """Whether the page may say how the server is run (only to a system administrator)."""
    return bool(request.user.is_superuser or has_any_role(request.user, "admin"))


@login_required
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = get_object_or_404(_batches(request), pk=batch_id)
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET"])
    return render(
        request,
        "exchange/batch.html",
        {
            "batch": batch,
            "summary": batch.summary,
            "progress": _progress(batch),
            "counts": batch.counts(),
            "admin_hint": _admin_hint(request),
        },
    )


@login_required
def batch_progress(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = get_object_or_404(_batches(request), pk=batch_id)
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET"])
    if not batch.is_running:
        # Finished: have htmx reload the page to show the preview or the result.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "exchange/batch.html#progress",
        {"batch": batch, "progress": _progress(batch), "admin_hint": _admin_hint(request)},
    )


@login_required
def batch_confirm(request: HttpRequest, batch_id: int) -> HttpResponse:
    # The object first: a batch outside the user's reach is a 404 whatever the method.
    batch = get_object_or_404(_batches(request), pk=batch_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    # Each conflict row's choice is a radio "row:<sheet>:<row>" = update | skip; skip unless
    # the user chose otherwise, so nobody is overwritten by default.
    overwrite = [
        key.removeprefix("row:")
        for key, value in request.POST.items()
        if key.startswith("row:") and value == "update"
    ]
    try:
        batch = services.confirm_batch(actor=request.user, batch=batch, overwrite=overwrite)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("exchange:batch", batch_id=batch.pk)
    result = services.start_applying(actor=request.user, batch=batch)
    if result is not None:
        messages.success(request, str(result))
    return redirect("exchange:batch", batch_id=batch.pk)


@login_required
def batch_cancel(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = get_object_or_404(_batches(request), pk=batch_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.cancel_batch(actor=request.user, batch=batch)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("exchange:batch", batch_id=batch.pk)
    messages.success(request, _("Đã hủy lượt nhập; không có thay đổi nào."))
    return redirect("exchange:import-members")


# --- Exports --------------------------------------------------------------------------------


def _xlsx(stream: Any, stem: str) -> FileResponse:
    return FileResponse(
        stream, as_attachment=True, filename=exports.filename(stem), content_type=exports.XLSX_MIME
    )


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    """Small lists are written now; large ones by the background worker (a page follows)."""
    spec = exports.EXPORTS[kind]
    filterset, rows = spec.rows(request)
    if filterset.problems():
        return refused(request, filterset)
    total = rows.count()
    if not exporting.export_in_background(total):
        return _xlsx(spec.write(rows.iterator(chunk_size=2000)), spec.stem)
    job = exporting.start_export(
        actor=request.user, kind=kind, query=request.GET.urlencode(), total=total
    )
    return redirect("exchange:export-job", job_id=job.pk)


@login_required
@require_GET
def export_members(request: HttpRequest) -> HttpResponse:
    return _export(request, "members")


@login_required
@require_GET
def export_organizations(request: HttpRequest) -> HttpResponse:
    return _export(request, "organizations")


@login_required
@require_GET
def export_seats(request: HttpRequest) -> HttpResponse:
    return _export(request, "seats")


def _job(request: HttpRequest, job_id: int) -> ExportJob:
    # A job is its requester's alone: it holds what their restriction let them see.
    return get_object_or_404(ExportJob, pk=job_id, requested_by=request.user)


def _job_progress(job: ExportJob) -> dict[str, Any]:
    key = exporting.progress_key(job)
    return _live(key, job.is_running, 0, job.total_rows, job.task_id)


@login_required
@require_GET
def export_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    return render(request, "exchange/export_job.html", {"job": job, "progress": _job_progress(job)})


@login_required
@require_GET
def export_job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    if not job.is_running:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request, "exchange/export_job.html#progress", {"job": job, "progress": _job_progress(job)}
    )


@login_required
@require_GET
def export_job_file(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    return _xlsx(job.file.open("rb"), exports.EXPORTS[job.kind].stem)


@login_required
@require_GET
def template(request: HttpRequest) -> FileResponse:
    return _xlsx(exports.template_workbook(), "mau-danh-sach-dang-vien")
