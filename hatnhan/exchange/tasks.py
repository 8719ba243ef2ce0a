"""Background work for large imports (django.tasks; the database backend's worker runs them,
or — in demo mode — the server process itself, see core.background)."""

from django.contrib.auth import get_user_model
from django.tasks import task

from .models import ImportBatch
from .progress import clear_progress


def _run(batch_id: int, user_id: int | None, work: str) -> None:
    from . import services

    batch = ImportBatch.objects.select_related("organization").get(pk=batch_id)
    actor = get_user_model().objects.get(pk=user_id) if user_id else None
    try:
        getattr(services, work)(actor=actor, batch=batch)
    except Exception as exc:
        services.fail_batch(actor=actor, batch=batch, message=f"Lỗi khi xử lý: {exc}")
        raise
    finally:
        clear_progress(batch_id)


@task()
def plan_batch_task(batch_id: int, user_id: int | None) -> None:
    _run(batch_id, user_id, "plan_batch")


@task()
def apply_batch_task(batch_id: int, user_id: int | None) -> None:
    _run(batch_id, user_id, "apply_batch")


@task()
def export_task(job_id: int) -> None:
    from .services.exporting import run_export

    run_export(job_id)
