from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "hatnhan.evaluations"
    label = "evaluations"
    verbose_name = _("Kiểm điểm, đánh giá, xếp loại")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions

        register_actions(ACTION_LABELS)


# What each audit action of this app means, for every history that shows it.
ACTION_LABELS = {
    "evaluation_round.create": _("Lập đợt đánh giá, xếp loại"),
    "evaluation_round.compute": _("Tính kết quả đánh giá từ dữ liệu"),
    "evaluation_round.lock": _("Chốt đợt đánh giá"),
    "evaluation_round.reopen": _("Mở lại đợt đánh giá"),
    "evaluation.self_assessment": _("Tự kiểm điểm, tự đánh giá"),
    "evaluation.review": _("Cấp ủy nhận xét, chấm điểm"),
    "evaluation.meeting": _("Ghi ý kiến hội nghị"),
    "evaluation.decide": _("Quyết định mức xếp loại"),
}
