import os
import sys

from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "hatnhan.core"
    label = "core"

    def ready(self) -> None:
        from .background import runs_in_process, start_queue_in_process

        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_db.") and runs_in_process(
            sys.argv, os.environ, settings.DEMO_MODE, switch="HATNHAN_QUEUE_IN_PROCESS"
        ):
            # A demo's imports (and any other queued work) need no separate worker.
            start_queue_in_process()
