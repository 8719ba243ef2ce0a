from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "hatnhan.inspections"
    label = "inspections"
    verbose_name = _("Kiểm tra, giám sát")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions
        from hatnhan.tasks.reminders import register_sweep

        from .sweep import overdue_steps

        register_actions(ACTION_LABELS)
        # Overdue steps alert the team through the task loop's reminder sweep.
        register_sweep(overdue_steps)


# What each audit action of this app means, for every history that shows it.
ACTION_LABELS = {
    "inspection_program.create": _("Lập chương trình kiểm tra, giám sát"),
    "inspection_item.create": _("Thêm nội dung chương trình kiểm tra, giám sát"),
    "inspection_case.create": _("Mở cuộc kiểm tra, giám sát"),
    "inspection_case.step": _("Chuyển bước kiểm tra, giám sát"),
    "inspection_case.decision": _("Ghi quyết định kiểm tra, giám sát"),
    "inspection_case.team": _("Thành lập đoàn kiểm tra, giám sát"),
    "inspection_case.plan": _("Ghi kế hoạch kiểm tra, giám sát"),
    "inspection_case.notice": _("Thông báo cho đối tượng"),
    "inspection_case.self_report": _("Ghi báo cáo tự kiểm điểm"),
    "inspection_case.meeting": _("Ghi cuộc họp kết luận"),
    "inspection_case.conclusion": _("Ghi kết luận"),
    "inspection_case.close": _("Kết thúc cuộc kiểm tra, giám sát"),
    "inspection_step.done": _("Thực hiện bước kiểm tra, giám sát"),
    "inspection_step.skipped": _("Bỏ qua bước kiểm tra, giám sát"),
    "inspection_entry.create": _("Ghi chép của đoàn"),
    "inspection_finding.create": _("Ghi nội dung phát hiện"),
    "inspection_evidence.create": _("Thêm tệp chứng cứ"),
    "inspection_recommendation.create": _("Ghi kiến nghị khắc phục"),
    "inspection_recheck.create": _("Lên lịch phúc tra"),
    "inspection_recheck.done": _("Ghi kết quả phúc tra"),
    "inspection_spot_check.create": _("Ghi phiếu kiểm tra đột xuất"),
    "inspection_spot_result.create": _("Ghi kết quả tiêu chí"),
}
