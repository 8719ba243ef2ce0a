from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "hatnhan.organizations"
    label = "organizations"
    verbose_name = _("Tổ chức đảng")

    def ready(self) -> None:
        # Connects the signal that clears the working-day calendar on every holiday write.
        from hatnhan.audit.selectors import register_actions

        from . import workdays  # noqa: F401

        register_actions(
            {
                "holiday.create": _("Thêm ngày nghỉ lễ"),
                "holiday.update": _("Sửa ngày nghỉ lễ"),
                "holiday.delete": _("Xóa ngày nghỉ lễ"),
            }
        )
