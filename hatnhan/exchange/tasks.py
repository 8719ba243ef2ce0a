"""Background work for large imports (django.tasks; the database backend's worker runs them)."""

from django.contrib.auth import get_user_model
from django.tasks import task
from django.utils import timezone

from .models import ImportBatch, ImportStatus
from .progress import clear_progress


def _fail(batch_id: int, exc: BaseException) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportStatus.FAILED, finished_at=timezone.now(), message=f"Lỗi khi xử lý: {exc}"
    )


@task()
def plan_batch_task(batch_id: int, user_id: int | None) -> None:
    from .services import plan_batch

    batch = ImportBatch.objects.select_related("organization").get(pk=batch_id)
    actor = get_user_model().objects.get(pk=user_id) if user_id else None
    try:
        plan_batch(actor=actor, batch=batch)
    except Exception as exc:
        _fail(batch_id, exc)
        raise
    finally:
        clear_progress(batch_id)


@task()
def apply_batch_task(batch_id: int, user_id: int | None) -> None:
    from .services import apply_batch

    batch = ImportBatch.objects.select_related("organization").get(pk=batch_id)
    actor = get_user_model().objects.get(pk=user_id) if user_id else None
    try:
        apply_batch(actor=actor, batch=batch)
    except Exception as exc:
        _fail(batch_id, exc)
        raise
    finally:
        clear_progress(batch_id)
