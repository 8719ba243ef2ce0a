import os
import sys
from collections.abc import Mapping, Sequence

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hatnhan.core.background import runs_in_process


def runs_reminders_in_process(argv: Sequence[str], env: Mapping[str, str], demo: bool) -> bool:
    """Demo mode has no worker: the web server process itself runs the reminder sweep (not
    when HATNHAN_REMINDERS_IN_PROCESS=0)."""
    return runs_in_process(argv, env, demo, switch="HATNHAN_REMINDERS_IN_PROCESS")


class TasksConfig(AppConfig):
    name = "hatnhan.tasks"
    label = "tasks"
    verbose_name = _("Nhiệm vụ")

    def ready(self) -> None:
        # The directive and focus-issue pages show the tasks serving them without directives
        # importing tasks (a lower app may not import a higher one, docs/layers.md).
        from hatnhan.directives import sections

        from .views.directive_sections import directive_tasks, focus_issue_tasks

        sections.register(directive=directive_tasks, focus_issue=focus_issue_tasks)
        if runs_reminders_in_process(sys.argv, os.environ, settings.DEMO_MODE):
            from .reminders import start_in_process

            start_in_process()
