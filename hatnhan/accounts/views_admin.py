"""Account administration (list, create, roles, deactivate, reset), the user's own password
change, and the "confirm your password" page. Thin: reads through selectors (restricted),
writes through services; refusals are logged (core.middleware logs PermissionDenied)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hatnhan.core.filters import filter_list
from hatnhan.core.forms import write_form
from hatnhan.core.pagination import paginate
from hatnhan.core.restrict import manages_accounts
from hatnhan.core.security_log import log_security_event

from . import reauth, selectors, services
from .filters import AccountFilter
from .forms import AccountCreateForm, ConfirmIdentityForm, PasswordChangeForm, RoleFields
from .models import Role, RoleName, User
from .sections import security_sections


def _require_manager(request: HttpRequest) -> None:
    if not manages_accounts(request.user):
        raise PermissionDenied(_("Đồng chí không có quyền quản lý tài khoản."))


def _account(request: HttpRequest, user_id: int) -> User:
    """An account in the administrator's reach; any other id answers 404, as if it did not
    exist (and the guess is logged)."""
    found = selectors.manageable_accounts(request.user).select_related("member").filter(pk=user_id)
    account = found.first()
    if account is None:
        log_security_event("account.not_found", request, account_id=user_id)
        raise Http404(_("Không tìm thấy tài khoản trong phạm vi của đồng chí."))
    return account


@login_required
@require_GET
def account_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    filterset, rows = filter_list(AccountFilter, request, selectors.account_list(request.user))
    chosen = filterset.form.cleaned_data if filterset.is_bound and filterset.is_valid() else {}
    accounts = paginate(request, rows)
    context = {
        "accounts": accounts,
        # Accounts locked out after failed sign-ins (one query for the page).
        "locked": selectors.locked_usernames([a.username for a in accounts]),
        "organizations": selectors.grantable_organizations(request.user),
        "organization": chosen.get("organization"),
        "role": chosen.get("role") or "",
        "roles": RoleName.choices,
        "active": request.GET.get("active", ""),
        "query": request.GET.get("q", ""),
        "filter_problems": filterset.problems(),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "accounts/list.html#results", context)
    return render(request, "accounts/list.html", context)


@login_required
def account_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = AccountCreateForm(request.POST or None, user=request.user)
    if wrote := write_form(
        request, form, lambda data: services.create_account(actor=request.user, **data)
    ):
        account, password = wrote.result
        # Shown once, on this answer (never in a message or a redirect's session).
        return render(
            request,
            "accounts/temporary_password.html",
            {"account": account, "password": password, "created": True},
        )
    return render(request, "accounts/create.html", {"form": form})


@login_required
@require_GET
def account_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    roles = list(selectors.account_roles(account))
    return render(
        request,
        "accounts/detail.html",
        {
            "account": account,
            "roles": roles,
            "history_objects": selectors.history_objects(account, roles),
            "is_self": account.pk == request.user.pk,
            "security_sections": security_sections(request, account),
        },
    )


@login_required
def role_grant(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    if needed := reauth.reauth_redirect(request):
        return needed
    form = RoleFields(request.POST or None, user=request.user)
    if write_form(
        request,
        form,
        lambda data: services.grant_role(actor=request.user, user=account, **data),
    ):
        messages.success(request, _("Đã cấp vai trò."))
        return redirect("accounts:detail", user_id=account.pk)
    return render(request, "accounts/grant.html", {"form": form, "account": account})


def _confirm(
    request: HttpRequest, account: User, *, title: str, explain: str, button: str
) -> HttpResponse:
    return render(
        request,
        "accounts/confirm_action.html",
        {"account": account, "title": title, "explain": explain, "button": button},
    )


def _refused(request: HttpRequest, exc: Exception, account: User) -> HttpResponse:
    messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("accounts:detail", user_id=account.pk)


@login_required
def role_revoke(request: HttpRequest, role_id: int) -> HttpResponse:
    role = (
        Role.objects.select_related("organization", "user__member")
        .filter(pk=role_id, user__in=selectors.manageable_accounts(request.user))
        .first()
    )
    if role is None:
        log_security_event("role.not_found", request, role_id=role_id)
        raise Http404(_("Không tìm thấy vai trò trong phạm vi của đồng chí."))
    account = role.user
    if request.method != "POST":
        return _confirm(
            request,
            account,
            title=_("Thu hồi vai trò"),
            explain=_(
                "Thu hồi vai trò “%(role)s” ở %(org)s? Nếu là vai trò cuối cùng, mọi phiên "
                "đăng nhập và mã API của tài khoản chấm dứt ngay."
            )
            % {"role": role.get_role_display(), "org": role.organization.name},
            button=_("Thu hồi"),
        )
    try:
        last = services.revoke_role(actor=request.user, role=role)
    except PermissionDenied as exc:
        log_security_event("authorization.refused", request, reason=str(exc))
        return _refused(request, exc, account)
    except ValidationError as exc:
        return _refused(request, exc, account)
    messages.success(
        request,
        _("Đã thu hồi vai trò; tài khoản không còn vai trò nào, các phiên đăng nhập đã chấm dứt.")
        if last
        else _("Đã thu hồi vai trò."),
    )
    return redirect("accounts:detail", user_id=account.pk)


def _set_active(request: HttpRequest, user_id: int, *, active: bool) -> HttpResponse:
    account = _account(request, user_id)
    if request.method != "POST":
        return _confirm(
            request,
            account,
            title=_("Mở lại tài khoản") if active else _("Khóa tài khoản"),
            explain=_("Tài khoản đăng nhập lại được bằng mật khẩu của mình.")
            if active
            else _("Mọi phiên đăng nhập và mã API của tài khoản chấm dứt ngay."),
            button=_("Mở lại") if active else _("Khóa"),
        )
    try:
        services.set_active(actor=request.user, user=account, active=active)
    except PermissionDenied as exc:
        log_security_event("authorization.refused", request, reason=str(exc))
        return _refused(request, exc, account)
    messages.success(request, _("Đã mở lại tài khoản.") if active else _("Đã khóa tài khoản."))
    return redirect("accounts:detail", user_id=account.pk)


@login_required
def account_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    return _set_active(request, user_id, active=False)


@login_required
def account_reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    return _set_active(request, user_id, active=True)


@login_required
def password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    if needed := reauth.reauth_redirect(request):
        return needed
    if request.method != "POST":
        return _confirm(
            request,
            account,
            title=_("Đặt lại mật khẩu"),
            explain=_(
                "Tài khoản nhận một mật khẩu tạm thời, phải đổi khi đăng nhập; mọi phiên "
                "đăng nhập và mã API của tài khoản chấm dứt ngay."
            ),
            button=_("Đặt lại mật khẩu"),
        )
    try:
        password = services.reset_password(actor=request.user, user=account)
    except PermissionDenied as exc:
        log_security_event("authorization.refused", request, reason=str(exc))
        return _refused(request, exc, account)
    return render(
        request,
        "accounts/temporary_password.html",
        {"account": account, "password": password, "created": False},
    )


# --- the signed-in user's own -------------------------------------------------------------
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    forced = request.user.must_change_password

    def change(data: dict[str, Any]) -> User:
        return services.change_password(
            user=request.user,
            old_password=data["old_password"],
            new_password=data["new_password"],
            keep_session_key=request.session.session_key,
        )

    if changed := write_form(request, form, change):
        # The new password's hash: this session stays signed in, the others have ended.
        update_session_auth_hash(request, changed.result)
        reauth.mark_confirmed(request)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect(reauth.safe_next(request, request.GET.get("next")) or "home")
    if request.method == "POST":
        log_security_event("password.change_failed", request)
    return render(request, "accounts/password_change.html", {"form": form, "forced": forced})


@login_required
def confirm_identity(request: HttpRequest) -> HttpResponse:
    form = ConfirmIdentityForm(request.POST or None, request=request)
    target = reauth.safe_next(request, request.GET.get("next") or request.POST.get("next"))
    if request.method == "POST" and form.is_valid():
        reauth.mark_confirmed(request)
        return redirect(target or "home")
    return render(request, "accounts/reauth.html", {"form": form, "next": target or ""})
