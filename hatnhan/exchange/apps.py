from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "hatnhan.exchange"
    label = "exchange"
    verbose_name = _("Nhập, xuất Excel")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions

        register_actions(
            {
                "import.upload": _("Tải lên danh sách để nhập"),
                "import.queue": _("Chuyển cho tiến trình nền"),
                "import.preview": _("Đọc tệp, lập bản xem trước"),
                "import.confirm": _("Xác nhận nhập danh sách"),
                "import.done": _("Nhập xong danh sách"),
                "import.fail": _("Nhập danh sách thất bại"),
                "import.cancel": _("Hủy lượt nhập"),
                "members.import": _("Nhập đảng viên từ danh sách Excel"),
            }
        )
