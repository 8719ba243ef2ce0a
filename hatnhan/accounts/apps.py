from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hatnhan.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và vai trò")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions, register_key_labels

        # The account page's history names what administration did.
        register_actions(
            {
                "role.revoke": _("Thu hồi vai trò"),
                "user.deactivate": _("Khóa tài khoản"),
                "user.activate": _("Mở lại tài khoản"),
                "user.password_reset": _("Đặt lại mật khẩu (mật khẩu tạm thời)"),
                "user.password_change": _("Đổi mật khẩu"),
                "user.signout": _("Chấm dứt các phiên đăng nhập và mã API"),
                "user.mfa_enable": _("Bật xác thực hai lớp"),
                "user.mfa_recovery_codes": _("Tạo bộ mã khôi phục mới"),
                "user.mfa_reset": _("Đặt lại xác thực hai lớp"),
                "user.unlock": _("Mở khóa đăng nhập"),
            }
        )
        register_key_labels(
            {
                "sessions": _("số phiên đăng nhập chấm dứt"),
                "password": _("mật khẩu"),
                "mfa": _("xác thực hai lớp"),
                "recovery_codes": _("số mã khôi phục"),
                "failures": _("số lần đăng nhập sai"),
            }
        )

        from .sections import register_security_section
        from .views_mfa import security_section

        register_security_section(security_section)

        from axes.signals import user_locked_out

        user_locked_out.connect(_on_locked_out, dispatch_uid="hatnhan-locked-out")


def _on_locked_out(sender: object, request: object, username: str = "", **kwargs: object) -> None:
    """django-axes locked an account or an address out: the security log says so (in UTC)."""
    from hatnhan.core.security_log import log_security_event

    log_security_event("login.locked_out", request, user=username or "")
