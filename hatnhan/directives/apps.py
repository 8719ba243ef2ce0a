from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "hatnhan.directives"
    label = "directives"
    verbose_name = _("Văn bản chỉ đạo, nghị quyết")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions

        register_actions(ACTION_LABELS)


# What each audit action of this app means, for every history that shows it.
ACTION_LABELS = {
    "directive.create": _("Ghi nhận văn bản chỉ đạo"),
    "directive.update": _("Sửa văn bản chỉ đạo"),
    "year_theme.create": _("Đặt chủ đề năm"),
    "year_theme.update": _("Sửa chủ đề năm"),
    "year_theme.directives": _("Sửa văn bản gắn với chủ đề năm"),
    "resolution.create": _("Ban hành nghị quyết"),
    "resolution.update": _("Sửa nghị quyết"),
    "resolution.directives": _("Sửa văn bản nghị quyết thực hiện"),
    "focus_issue.create": _("Thêm vấn đề trọng tâm"),
    "focus_issue.update": _("Sửa vấn đề trọng tâm"),
    "focus_issue.directives": _("Sửa văn bản vấn đề trọng tâm thực hiện"),
}
# Spellings written before the action names were unified: the events keep them (the audit
# chain hashes each event as written), so they are labelled, never rewritten.
ACTION_LABELS |= {
    "yeartheme.directives": ACTION_LABELS["year_theme.directives"],
    "focusissue.directives": ACTION_LABELS["focus_issue.directives"],
}
