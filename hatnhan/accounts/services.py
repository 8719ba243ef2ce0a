import secrets
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from hatnhan.audit.services import record_event
from hatnhan.core.people import person_name
from hatnhan.core.restrict import MANAGE, may_grant
from hatnhan.core.services import field_error, require, save_audited
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization

from .models import AccountSession, Role, RoleName, User

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
    must_change_password: bool = False,
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
    user = User(
        username=username,
        member=member,
        email=member.email if member else "",
        must_change_password=must_change_password,
    )
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
        fields=["username", "member_id", "is_active", "must_change_password"],
    )
    grant_role(actor=actor, user=user, role=role, organization=organization)
    return user


@transaction.atomic
def grant_role(*, actor: Any, user: User, role: str, organization: Organization) -> Role:
    """`role` in `organization` for `user`. Refused: a role the actor could not hold out
    (hatnhan.core.restrict.may_grant: outside their reach, or `admin` without being admin at
    or above), one to themselves, one the account already holds."""
    if role not in RoleName.values:
        raise field_error("role", f"Vai trò “{role}” không có.")
    require(actor, MANAGE, organization)
    if actor is not None:
        if actor.pk == user.pk:
            raise PermissionDenied("Không ai tự cấp vai trò cho chính mình.")
        if not may_grant(actor, role, organization.path):
            raise PermissionDenied(
                f"Chỉ quản trị hệ thống ở {organization.code} hoặc cấp trên mới cấp được vai trò "
                f"“{RoleName(role).label}”."
            )
    if role == RoleName.MEMBER and user.member_id is None:
        raise field_error("member", "Vai trò đảng viên cần gắn tài khoản với một đảng viên.")
    _lock(user)
    if Role.objects.filter(user=user, organization=organization, role=role).exists():
        raise field_error(
            "role",
            f"{person_name(user)} đã giữ vai trò “{RoleName(role).label}” ở {organization.code}.",
        )
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


# --- administration of accounts (the pages and API of hatnhan.accounts) ------------------
# Letters and digits that cannot be misread when a temporary password is read out or copied
# from paper (no 0/O, 1/l/I).
_TEMPORARY_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TEMPORARY_PASSWORD_LENGTH = 12


def temporary_password() -> str:
    return "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(TEMPORARY_PASSWORD_LENGTH))


def _lock(user: User) -> User:
    """Every write to an account locks its row first, before its roles: two revocations of an
    account's last two roles then run one after the other, and the second sees it was the last."""
    return User.objects.select_for_update().get(pk=user.pk)


def _filed_at(user: User) -> str:
    """Where an event about the account is filed (:func:`home_path`); an account left with no
    role and no member is filed at the top of the tree, whose administrators read everything."""
    path = home_path(user)
    if path:
        return path
    return (
        Organization.objects.filter(parent__isnull=True)
        .order_by("path")
        .values_list("path", flat=True)
        .first()
        or ""
    )


def require_account(actor: Any, user: User) -> None:
    """Refuse unless `actor` may act on the account as a whole (deactivate, reset its
    password): they could grant every role it holds (core.restrict.may_grant), so nobody
    reaches above their own reach through someone's account; an account with no role, when
    its member is within reach."""
    if actor is None:
        return
    roles = list(Role.objects.filter(user=user).values_list("role", "organization__path"))
    if roles:
        allowed = all(may_grant(actor, role, path) for role, path in roles)
    elif user.member_id:
        member = Member.objects.select_related("organization").get(pk=user.member_id)
        allowed = may_grant(actor, RoleName.MEMBER, member.organization.path)
    else:
        allowed = False
    if not allowed:
        raise PermissionDenied(
            "Tài khoản này giữ vai trò ngoài phạm vi của đồng chí; "
            "chỉ người quản trị ở cấp cao hơn mới thao tác được."
        )


def _not_self(actor: Any, user: User, message: str) -> None:
    if actor is not None and actor.pk == user.pk:
        raise PermissionDenied(message)


def end_sessions(*, actor: Any, user: User, keep_session_key: str | None = None) -> int:
    """End every session of the account (but the one kept: the user's own, after changing
    their password) and delete its API token, at once; audited when anything ended."""
    sessions = AccountSession.objects.filter(user_id=user.pk)
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    ended, _ = sessions.delete()
    tokens, _ = Token.objects.filter(user=user).delete()
    if ended or tokens:
        record_event(
            actor=actor,
            action="user.signout",
            obj=user,
            before=None,
            after={"sessions": ended, "token": "revoked" if tokens else ""},
            organization_path=_filed_at(user),
        )
    return ended


@transaction.atomic
def create_account(
    *, actor: Any, username: str, member: Member, role: str, organization: Organization
) -> tuple[User, str]:
    """An account for a member, with a temporary password to hand over: it must be changed at
    first sign-in. Returns the account and that password (shown once, stored only hashed)."""
    if member is None:
        raise field_error("member", "Chọn đảng viên được cấp tài khoản.")
    password = temporary_password()
    user = create_user(
        actor=actor,
        username=username,
        role=role,
        organization=organization,
        member=member,
        password=password,
        check_password=False,
        must_change_password=True,
    )
    return user, password


@transaction.atomic
def revoke_role(*, actor: Any, role: Role) -> bool:
    """Take `role` back. Nobody revokes their own last admin role (someone must remain able to
    administer); revoking an account's last role ends its sessions and token at once.
    Returns whether that was its last role."""
    user = _lock(role.user)
    current = Role.objects.select_related("organization").filter(pk=role.pk).first()
    if current is None:
        raise field_error("role", "Vai trò này đã được thu hồi.")
    role = current
    require(actor, MANAGE, role.organization)
    if actor is not None:
        if not may_grant(actor, role.role, role.organization.path):
            raise PermissionDenied(
                f"Chỉ quản trị hệ thống ở {role.organization.code} hoặc cấp trên mới thu hồi "
                f"được vai trò “{role.get_role_display()}”."
            )
        if (
            actor.pk == user.pk
            and role.role == RoleName.ADMIN
            and not Role.objects.filter(user=user, role=RoleName.ADMIN).exclude(pk=role.pk).exists()
        ):
            raise PermissionDenied(
                "Đồng chí không thể tự thu hồi vai trò quản trị cuối cùng của mình."
            )
    path = role.organization.path
    before = {"user": user.pk, "organization": role.organization_id, "role": role.role}
    role_id = role.pk
    role.delete()
    role.pk = role_id  # the event names the role that was revoked
    record_event(
        actor=actor,
        action="role.revoke",
        obj=role,
        before=before,
        after=None,
        organization_path=path,
    )
    last = not Role.objects.filter(user=user).exists()
    if last:
        end_sessions(actor=actor, user=user)
    return last


@transaction.atomic
def set_active(*, actor: Any, user: User, active: bool) -> bool:
    """Deactivate (ending its sessions and token at once) or reactivate an account; False when
    it already was so. Nobody deactivates their own account."""
    _not_self(actor, user, "Đồng chí không thể tự khóa hay mở tài khoản của mình.")
    require_account(actor, user)
    user = _lock(user)
    before = {"is_active": user.is_active}
    user.is_active = active
    changed = save_audited(
        actor=actor,
        obj=user,
        action="user.activate" if active else "user.deactivate",
        before=before,
        organization_path=_filed_at(user),
        fields=["is_active"],
    )
    if not active:
        end_sessions(actor=actor, user=user)
    return changed


@transaction.atomic
def close_account(*, actor: Any, user: User) -> bool:
    """Take every role back, deactivate the account and end its sessions and token, at once:
    its holder is no longer a party member (a khai trừ, hatnhan.discipline, which checks who
    may decide it; the deciding body need not administer accounts). False if nothing was
    open."""
    user = _lock(user)
    roles = list(Role.objects.select_related("organization").filter(user=user).order_by("pk"))
    for role in roles:
        before = {"user": user.pk, "organization": role.organization_id, "role": role.role}
        path, role_id = role.organization.path, role.pk
        role.delete()
        role.pk = role_id  # the event names the role that was revoked
        record_event(
            actor=actor,
            action="role.revoke",
            obj=role,
            before=before,
            after=None,
            organization_path=path,
        )
    changed = bool(roles)
    if user.is_active:
        before_active = {"is_active": True}
        user.is_active = False
        changed |= save_audited(
            actor=actor,
            obj=user,
            action="user.deactivate",
            before=before_active,
            organization_path=_filed_at(user),
            fields=["is_active"],
        )
    end_sessions(actor=actor, user=user)
    return changed


def _set_password(user: User, password: str, *, field: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise field_error(field, _password_refusal(exc)) from exc
    user.set_password(password)


@transaction.atomic
def change_password(
    *,
    user: User,
    old_password: str,
    new_password: str,
    keep_session_key: str | None = None,
) -> User:
    """The holder chooses a new password (Django's validators); their other sessions and
    token end, the one they are using stays (`keep_session_key`)."""
    user = _lock(user)
    if not user.check_password(old_password):
        raise field_error("old_password", "Mật khẩu hiện tại không đúng.")
    if old_password == new_password:
        raise field_error("new_password", "Mật khẩu mới phải khác mật khẩu hiện tại.")
    _set_password(user, new_password, field="new_password")
    before = {"must_change_password": user.must_change_password}
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    record_event(
        actor=user,
        action="user.password_change",
        obj=user,
        before=before,
        after={"must_change_password": False, "password": "changed"},
        organization_path=_filed_at(user),
    )
    end_sessions(actor=user, user=user, keep_session_key=keep_session_key)
    return user


@transaction.atomic
def reset_password(*, actor: Any, user: User) -> str:
    """An administrator sets a temporary password (to be changed at next sign-in) and ends all
    the account's sessions and its token. Returns the password, to hand over once."""
    _not_self(actor, user, "Đồng chí đổi mật khẩu của mình ở trang “Đổi mật khẩu”.")
    require_account(actor, user)
    user = _lock(user)
    password = temporary_password()
    before = {"must_change_password": user.must_change_password}
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    record_event(
        actor=actor,
        action="user.password_reset",
        obj=user,
        before=before,
        after={"must_change_password": True, "password": "reset"},
        organization_path=_filed_at(user),
    )
    end_sessions(actor=actor, user=user)
    return password


# --- two-factor sign-in and lockouts (hatnhan.accounts.mfa) ------------------------------
def _recovery_codes(user: User) -> list[str]:
    """A fresh set of one-time recovery codes (the previous set stops working)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def start_enrollment(*, user: User) -> TOTPDevice:
    """The authenticator device being set up: kept (unconfirmed) until a code confirms it, so
    that reloading the page shows the same secret."""
    user = _lock(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def confirm_enrollment(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """The user proves the app shows the right code: two-factor sign-in is on. Returns the
    recovery codes, to be shown once (only they and the user ever see them)."""
    user = _lock(user)
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if device.confirmed or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise field_error("code", "Tài khoản đã bật xác thực hai lớp.")
    code = "".join((code or "").split())
    if not (code.isascii() and code.isdigit() and len(code) == device.digits):
        raise field_error("code", "Mã xác thực gồm 6 chữ số, đọc trong ứng dụng xác thực.")
    if not device.verify_token(code):
        raise field_error(
            "code", "Mã không đúng. Kiểm tra giờ của điện thoại và nhập mã đang hiện."
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _recovery_codes(user)
    record_event(
        actor=user,
        action="user.mfa_enable",
        obj=user,
        before={"mfa": False},
        after={"mfa": True, "recovery_codes": len(codes)},
        organization_path=_filed_at(user),
    )
    return codes


@transaction.atomic
def regenerate_recovery_codes(*, user: User) -> list[str]:
    user = _lock(user)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise field_error("code", "Tài khoản chưa bật xác thực hai lớp.")
    codes = _recovery_codes(user)
    record_event(
        actor=user,
        action="user.mfa_recovery_codes",
        obj=user,
        before=None,
        after={"recovery_codes": len(codes)},
        organization_path=_filed_at(user),
    )
    return codes


@transaction.atomic
def reset_mfa(*, actor: Any, user: User) -> None:
    """An administrator removes the account's authenticator and recovery codes (a lost phone):
    its sessions end, and at the next sign-in it enrolls again (if its role requires it)."""
    _not_self(actor, user, "Đồng chí không tự đặt lại xác thực hai lớp của mình.")
    require_account(actor, user)
    user = _lock(user)
    devices = TOTPDevice.objects.filter(user=user, confirmed=True).count()
    if not devices:
        raise field_error("user", "Tài khoản chưa bật xác thực hai lớp; không có gì để đặt lại.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_event(
        actor=actor,
        action="user.mfa_reset",
        obj=user,
        before={"mfa": True},
        after={"mfa": False},
        organization_path=_filed_at(user),
    )
    end_sessions(actor=actor, user=user)


@transaction.atomic
def lift_lockout(*, actor: Any, user: User) -> int:
    """An administrator lifts the lockout after failed sign-ins: the account's failures are
    forgotten (and with them their part in its addresses' counts). Returns how many records
    of failures were removed."""
    require_account(actor, user)
    user = _lock(user)
    failures = (
        AccessAttempt.objects.filter(username=user.get_username()).aggregate(
            n=Sum("failures_since_start")
        )["n"]
        or 0
    )
    if not failures:
        raise field_error("user", "Tài khoản không bị khóa đăng nhập.")
    removed = axes_reset(username=user.get_username())
    record_event(
        actor=actor,
        action="user.unlock",
        obj=user,
        before={"failures": failures},
        after={"failures": 0},
        organization_path=_filed_at(user),
    )
    return removed
