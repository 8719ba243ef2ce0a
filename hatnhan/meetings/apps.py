from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "hatnhan.meetings"
    label = "meetings"
    verbose_name = _("Sinh hoạt chi bộ")

    def ready(self) -> None:
        # The task loop's reminder sweep also flags meetings not held (tasks may not import
        # meetings: the sweep is registered from here).
        from hatnhan.tasks.reminders import register_sweep

        from .reminders import sweep_missing_meetings

        register_sweep(sweep_missing_meetings)
