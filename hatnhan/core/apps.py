import os
import sys

from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "hatnhan.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth import signals

        from hatnhan.core import (
            checks,  # noqa: F401  (registers the start-up refusals)
            security_log,
        )

        from . import expressions
        from .background import runs_in_process, start_queue_in_process

        expressions.register()

        signals.user_logged_in.connect(security_log.on_signed_in, dispatch_uid="hatnhan-in")
        signals.user_login_failed.connect(
            security_log.on_sign_in_failed, dispatch_uid="hatnhan-fail"
        )
        signals.user_logged_out.connect(security_log.on_signed_out, dispatch_uid="hatnhan-out")

        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_db.") and runs_in_process(
            sys.argv, os.environ, settings.DEMO_MODE, switch="HATNHAN_QUEUE_IN_PROCESS"
        ):
            # A demo's imports (and any other queued work) need no separate worker.
            start_queue_in_process()
