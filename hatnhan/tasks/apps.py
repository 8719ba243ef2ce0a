import os
import sys

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "hatnhan.tasks"
    label = "tasks"
    verbose_name = _("Nhiệm vụ")

    def ready(self) -> None:
        # Demo mode has no worker: the web server process itself runs the reminder sweep.
        # Only in a serving process (never in tests or other commands), and in the
        # autoreloader's child only. HATNHAN_REMINDERS_IN_PROCESS=0 turns it off.
        if not settings.DEMO_MODE or os.getenv("HATNHAN_REMINDERS_IN_PROCESS", "1") == "0":
            return
        argv = " ".join(sys.argv)
        serving = any(word in argv for word in ("runserver", "serve", "gunicorn", "uvicorn"))
        autoreload_parent = (
            "runserver" in argv and "--noreload" not in argv and os.getenv("RUN_MAIN") != "true"
        )
        if not serving or autoreload_parent:
            return
        from .reminders import start_in_process

        start_in_process()
