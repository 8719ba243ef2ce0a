import os
import sys
from collections.abc import Mapping, Sequence

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

SERVERS = ("runserver", "serve", "gunicorn", "uvicorn")


def runs_reminders_in_process(argv: Sequence[str], env: Mapping[str, str], demo: bool) -> bool:
    """Demo mode has no worker: the web server process itself runs the reminder sweep —
    only in a serving process (never in tests or other commands), only in the autoreloader's
    child, and not when HATNHAN_REMINDERS_IN_PROCESS=0."""
    if not demo or env.get("HATNHAN_REMINDERS_IN_PROCESS", "1") == "0":
        return False
    line = " ".join(argv)
    if not any(word in line for word in SERVERS):
        return False
    autoreload_parent = (
        "runserver" in line and "--noreload" not in line and env.get("RUN_MAIN") != "true"
    )
    return not autoreload_parent


class TasksConfig(AppConfig):
    name = "hatnhan.tasks"
    label = "tasks"
    verbose_name = _("Nhiệm vụ")

    def ready(self) -> None:
        if runs_reminders_in_process(sys.argv, os.environ, settings.DEMO_MODE):
            from .reminders import start_in_process

            start_in_process()
