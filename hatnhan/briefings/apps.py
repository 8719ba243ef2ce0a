from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefingsConfig(AppConfig):
    name = "hatnhan.briefings"
    label = "briefings"
    verbose_name = _("Chế độ thông báo của người đứng đầu")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions
        from hatnhan.tasks.reminders import register_sweep

        from .reminders import sweep

        register_actions(ACTION_LABELS)
        register_sweep(sweep)


# What each audit action of this app means, for every history that shows it.
ACTION_LABELS = {
    "briefing_duty.create": _("Đặt chế độ thông báo"),
    "briefing_duty.update": _("Sửa chế độ thông báo"),
    "briefing.request": _("Cấp ủy yêu cầu báo cáo"),
    "briefing.submit": _("Người đứng đầu báo cáo"),
    "briefing.file": _("Tệp báo cáo"),
    "briefing.acknowledge": _("Cấp ủy ghi nhận báo cáo"),
    "briefing.conclusion": _("Kết luận của cấp ủy"),
    "briefing.conclusion_task": _("Kết luận thành nhiệm vụ"),
}
