from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "hatnhan.feedback"
    label = "feedback"
    verbose_name = _("Phản ánh của người dân")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions
        from hatnhan.tasks.reminders import register_sweep

        from .sweep import overdue_reports

        register_actions(ACTION_LABELS)
        # Overdue triage and answers are flagged up the tree through the task loop's sweep.
        register_sweep(overdue_reports)


# What each audit action of this app means, for every history that shows it.
ACTION_LABELS = {
    "feedback_report.create": _("Tiếp nhận phản ánh"),
    "feedback_file.create": _("Tệp kèm phản ánh"),
    "feedback_report.verify": _("Xác minh phản ánh"),
    "feedback_report.triage": _("Phân loại phản ánh"),
    "feedback_report.answer": _("Trả lời phản ánh"),
    "feedback_report.task": _("Chuyển phản ánh thành nhiệm vụ"),
    "feedback_report.case": _("Chuyển phản ánh thành cuộc kiểm tra"),
    "feedback_report.close": _("Kết thúc phản ánh"),
    "feedback_identity.request": _("Đề nghị xem danh tính người phản ánh"),
    "feedback_identity.decide": _("Quyết định đề nghị xem danh tính"),
    "feedback_identity.view": _("Xem danh tính người phản ánh"),
}
