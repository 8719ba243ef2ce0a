from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "hatnhan.dashboards"
    label = "dashboards"
    verbose_name = _("Bảng theo dõi, phiếu kết quả")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions
        from hatnhan.tasks.reminders import register_sweep

        from .services import sweep_refresh

        register_actions(ACTION_LABELS)
        # The worker's sweep keeps the pre-aggregate fresh: what audit events touched since the
        # last refresh, and once a day everything (an open task turns overdue with the date).
        register_sweep(sweep_refresh)


ACTION_LABELS = {
    "dashboards.refresh": _("Tính lại số liệu tổng hợp của bảng theo dõi"),
}
