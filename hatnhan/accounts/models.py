from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _

from hatnhan.core.people import person_name
from hatnhan.core.restrict import RestrictedQuerySet


class User(AbstractUser):
    """An account; linked to the party member it belongs to, when it belongs to one."""

    member = models.OneToOneField(
        "members.Member",
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
    )
    # Set with a temporary password (a new account, an administrator's reset): until the
    # holder chooses their own, every page leads to the change page and API tokens are
    # refused (accounts.middleware, api.authentication).
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")


class RoleName(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    STAFF = "staff", _("Cán bộ cơ quan đảng ủy cấp trên")
    SECRETARY = "secretary", _("Bí thư")
    COMMITTEE = "committee", _("Cấp ủy viên")
    INSPECTOR = "inspector", _("Ủy viên ủy ban kiểm tra")
    # Keeps who reported what (issue 11): the only role that reads a citizen reporter's
    # identity (core.restrict.CUSTODY), and nothing else of the record by that role alone.
    CUSTODIAN = "custodian", _("Người quản lý thông tin người phản ánh")
    MEMBER = "member", _("Đảng viên")


class Role(models.Model):
    """A role held in an organization; it reaches that organization's whole subtree."""

    user = models.ForeignKey(
        User, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="roles"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="roles",
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=RoleName.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="role_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{person_name(self.user)}: {self.get_role_display()} @ {self.organization.code}"


class AccountSession(AbstractBaseSession):
    """A signed-in session (the database engine's, hatnhan.accounts.sessions) that knows whose
    it is, so a deactivated account's or a reset password's sessions end at once: one indexed
    delete, not a decoding of every session in the table. Not a foreign key: a session is
    saved before anything checks its user id, and a stale id must not fail the save."""

    user_id = models.BigIntegerField(_("mã tài khoản"), null=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("phiên làm việc")
        verbose_name_plural = _("phiên làm việc")

    @classmethod
    def get_session_store_class(cls) -> type:
        from .sessions import SessionStore

        return SessionStore
