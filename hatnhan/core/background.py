"""Background work (django.tasks with django_tasks_db's database queue) without surprises.

- A demo has no worker to install: a serving process in demo mode runs the queue itself in a
  daemon thread (:func:`start_queue_in_process`), as it runs the reminder sweep.
- Elsewhere a worker (`hatnhan worker`) must be running; :func:`waits_for_worker` tells a
  page that its queued work has been waiting with no worker alive, so it can say so plainly
  instead of showing a progress bar that never moves.
"""

import datetime as dt
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import close_old_connections
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string

log = logging.getLogger(__name__)

SERVERS = ("runserver", "serve", "gunicorn", "uvicorn")


def runs_in_process(
    argv: Sequence[str], env: Mapping[str, str], demo: bool, *, switch: str
) -> bool:
    """Whether this process should do a demo's background work itself: only in demo mode, only
    in a serving process (never in tests or other commands), only in the autoreloader's child,
    and not when the environment variable `switch` is "0"."""
    if not demo or env.get(switch, "1") == "0":
        return False
    line = " ".join(argv)
    if not any(word in line for word in SERVERS):
        return False
    autoreload_parent = (
        "runserver" in line and "--noreload" not in line and env.get("RUN_MAIN") != "true"
    )
    return not autoreload_parent


@dataclass
class InProcessQueue:
    worker: Any
    thread: threading.Thread

    def stop(self, timeout: float = 10) -> None:
        self.worker.running = False  # the loop ends after the task or pause it is in
        self.thread.join(timeout)


def start_queue_in_process(*, interval: float = 1.0) -> InProcessQueue:
    """Run django_tasks_db's worker loop in a daemon thread of this process."""
    # The worker class of `db_worker`: its command would install signal handlers, which only
    # the main thread may do, so the loop is run directly.
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"in-process-{get_random_string(8)}",
        excluded_queue_names=[],
    )

    def loop() -> None:
        try:
            worker.run()
        except Exception:
            log.exception("in-process task queue stopped")
        finally:
            close_old_connections()

    thread = threading.Thread(target=loop, name="hatnhan-queue", daemon=True)
    thread.start()
    return InProcessQueue(worker=worker, thread=thread)


def waits_for_worker(task_id: str, *, seconds: float) -> bool:
    """Whether the queued task `task_id` has waited more than `seconds` unclaimed while no
    worker runs anything (a busy worker is alive: its queue is only long). False when the
    queue is not django_tasks_db's, or the task is unknown."""
    from django_tasks_db.models import DBTaskResult

    if not task_id:
        return False
    try:
        queued = DBTaskResult.objects.filter(pk=task_id).first()
    except (ValidationError, ValueError):  # not an id of this queue (another backend's)
        return False
    if queued is None or queued.status != TaskResultStatus.READY or queued.worker_ids:
        return False
    if timezone.now() - queued.enqueued_at < dt.timedelta(seconds=seconds):
        return False
    now = timezone.now()
    # A task left "running" by a worker that died long ago proves no worker alive.
    busy = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__gte=now - dt.timedelta(hours=1)
    )
    finished = DBTaskResult.objects.filter(finished_at__gte=now - dt.timedelta(seconds=seconds))
    return not busy.exists() and not finished.exists()
