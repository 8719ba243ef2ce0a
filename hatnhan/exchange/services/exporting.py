"""Exports past a size run in the background: the request that asks answers at once with a
page that follows the work (no web worker held for the seconds a big workbook takes), the
task writes the file with the requester's own restriction and filters, and only the
requester downloads it. Small exports are still written in the request (they take less
than a second): the threshold is `EXCHANGE_EXPORT_BACKGROUND_ROWS`."""

from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from ..exports import EXPORTS
from ..models import ExportJob, ExportStatus
from ..progress import clear_progress, write_progress


def export_in_background(rows: int) -> bool:
    return rows > settings.EXCHANGE_EXPORT_BACKGROUND_ROWS


def progress_key(job: ExportJob) -> str:
    return f"export-{job.pk}"


@transaction.atomic
def start_export(*, actor: Any, kind: str, query: str, total: int) -> ExportJob:
    """Queue the export `kind` of what `actor` sees with the filters in `query`."""
    if kind not in EXPORTS:
        raise ValueError(kind)
    job = ExportJob.objects.create(requested_by=actor, kind=kind, query=query, total_rows=total)
    from ..tasks import export_task

    # With the database queue the task row commits with the job's.
    queued = export_task.enqueue(job.pk)
    # An immediate backend has already run it: then there is nothing to wait for.
    ExportJob.objects.filter(pk=job.pk, status=ExportStatus.QUEUED).update(task_id=str(queued.id))
    job.refresh_from_db()
    return job


def _counted(job: ExportJob, rows: Iterable[Any]) -> Iterator[Any]:
    key = progress_key(job)
    done = 0
    for done, row in enumerate(rows, start=1):
        if done % 500 == 0:
            write_progress(key, done, job.total_rows, phase="write")
        yield row
    write_progress(key, done, job.total_rows, phase="write", force=True)


def run_export(job_id: int) -> ExportJob:
    """The task's work: the rows again through the list's restriction, as the requester."""
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING)
    spec = EXPORTS[job.kind]
    request = HttpRequest()
    request.user = job.requested_by
    request.GET = QueryDict(job.query)
    try:
        _, rows = spec.rows(request)  # the filters were checked when the job was asked
        stream = spec.write(_counted(job, rows.iterator(chunk_size=2000)))
        job.file.save(f"{spec.stem}.xlsx", File(stream), save=False)
        job.status, job.finished_at = ExportStatus.DONE, timezone.now()
        job.save(update_fields=["file", "status", "finished_at"])
    except Exception as exc:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED,
            message=f"Lỗi khi tạo tệp: {exc}",
            finished_at=timezone.now(),
        )
        raise
    finally:
        clear_progress(progress_key(job))
    return job
