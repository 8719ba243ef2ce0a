from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework.authtoken.models import Token

from hatnhan.audit.services import record_event
from hatnhan.core.restrict import MANAGE
from hatnhan.core.services import field_error, require, save_audited
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization

from .models import Role, RoleName, User

# Django's Vietnamese catalogue misses some validator messages (its plural forms); the
# operator reads these instead, so a refusal is in one language.
_PASSWORD_MESSAGES = {
    "password_too_short": "Mật khẩu quá ngắn: cần ít nhất {min_length} ký tự.",
    "password_too_common": "Mật khẩu này quá phổ biến.",
    "password_entirely_numeric": "Mật khẩu không được chỉ gồm chữ số.",
    "password_too_similar": "Mật khẩu quá giống thông tin của tài khoản.",
}


def _password_refusal(exc: ValidationError) -> str:
    return " ".join(
        _PASSWORD_MESSAGES[error.code].format(**(error.params or {}))
        if error.code in _PASSWORD_MESSAGES
        else " ".join(error.messages)
        for error in exc.error_list
    )


@transaction.atomic
def create_user(
    *,
    actor: Any,
    username: str,
    role: str,
    organization: Organization,
    member: Member | None = None,
    password: str | None = None,
    check_password: bool = True,
    password_hash: str | None = None,
) -> User:
    """An account holding one role in one organization (more roles: :func:`grant_role`).
    `password_hash` is an already hashed password: the demo's accounts share one, because
    hashing costs most of a second each."""
    require(actor, MANAGE, organization)
    username = username.strip()
    if not username:
        raise field_error("username", "Tên đăng nhập không được để trống.")
    if User.objects.filter(username__iexact=username).exists():
        raise field_error("username", f"Tên đăng nhập “{username}” đã có.")
    if role not in RoleName.values:
        raise field_error(
            "role",
            f"Vai trò “{role}” không có; chọn một trong: " + ", ".join(RoleName.values) + ".",
        )
    if member is not None:
        member = Member.objects.select_related("organization").get(pk=member.pk)
        if User.objects.filter(member=member).exists():
            raise field_error("member", f"Đồng chí {member} đã có tài khoản.")
        if not member.organization.path.startswith(organization.path):
            raise field_error(
                "member",
                f"Đồng chí {member} không thuộc {organization.code} hoặc cấp dưới của nó.",
            )
    user = User(username=username, member=member, email=member.email if member else "")
    if password:
        if check_password:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise field_error("password", _password_refusal(exc)) from exc
        user.set_password(password)
    elif password_hash:
        user.password = password_hash
    else:
        user.set_unusable_password()
    save_audited(
        actor=actor,
        obj=user,
        action="user.create",
        before=None,
        organization_path=organization.path,
        fields=["username", "member_id", "is_active"],
    )
    grant_role(actor=actor, user=user, role=role, organization=organization)
    return user


@transaction.atomic
def grant_role(*, actor: Any, user: User, role: str, organization: Organization) -> Role:
    require(actor, MANAGE, organization)
    if role not in RoleName.values:
        raise field_error("role", f"Vai trò “{role}” không có.")
    if role == RoleName.MEMBER and user.member_id is None:
        raise field_error("member", "Vai trò đảng viên cần gắn tài khoản với một đảng viên.")
    existing = Role.objects.filter(user=user, organization=organization, role=role).first()
    if existing:
        return existing
    grant = Role(user=user, organization=organization, role=role)
    save_audited(
        actor=actor,
        obj=grant,
        action="role.grant",
        before=None,
        organization_path=organization.path,
    )
    return grant


def home_path(user: User) -> str:
    """Where events about an account are filed: the same organization `user.create` used
    (the role it was made with), else its member's organization."""
    first = Role.objects.filter(user=user).order_by("pk").values_list("organization__path")
    path = first.first()
    if path:
        return path[0]
    if user.member_id:
        return (
            Member.objects.filter(pk=user.member_id)
            .values_list("organization__path", flat=True)
            .get()
        )
    return ""


@transaction.atomic
def api_token(*, actor: Any, user: User) -> str:
    """The user's API token, created (and audited) the first time it is asked for."""
    token, created = Token.objects.get_or_create(user=user)
    if created:
        path = home_path(user)
        if not path:
            raise field_error("user", "Tài khoản chưa có vai trò ở tổ chức nào; chưa cấp mã API.")
        record_event(
            actor=actor,
            action="token.create",
            obj=user,
            before=None,
            after={"token": "created"},
            organization_path=path,
        )
    return token.key
