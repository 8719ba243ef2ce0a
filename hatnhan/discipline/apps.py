from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisciplineConfig(AppConfig):
    name = "hatnhan.discipline"
    label = "discipline"
    verbose_name = _("Kỷ luật đảng")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions
        from hatnhan.members import sections

        from . import views

        register_actions(ACTION_LABELS)
        sections.register(detail=views.member_section)


# What each audit action of this app means, for every history that shows it.
ACTION_LABELS = {
    "discipline.create": _("Ghi nhận quyết định kỷ luật"),
    "discipline.annulment": _("Ghi nhận quyết định hủy bỏ quyết định kỷ luật"),
    "discipline.amendment": _("Ghi nhận quyết định sửa đổi quyết định kỷ luật"),
    "discipline.annul": _("Hủy bỏ quyết định kỷ luật"),
    "discipline.amend": _("Sửa đổi quyết định kỷ luật"),
    "state_discipline.create": _("Ghi nhận kỷ luật chính quyền"),
    "state_discipline.notice": _("Ghi nhận ngày thông báo kỷ luật chính quyền"),
}
