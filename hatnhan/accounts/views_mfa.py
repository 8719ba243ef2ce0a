"""The two-factor pages: the code after the password, enrollment (QR code, secret, recovery
codes shown once), the user's own two-factor page; and the administrator's reset of an
account's two-factor sign-in and lifting of its lockout (both on the account's page)."""

from typing import Any

from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice

from hatnhan.core.forms import write_form
from hatnhan.core.security_log import log_security_event

from . import mfa, reauth, selectors, services
from .forms import CodeForm
from .views_admin import _account, _confirm, _refused


def _next(request: HttpRequest) -> str:
    return reauth.safe_next(request, request.GET.get("next") or request.POST.get("next")) or ""


def _locked(request: HttpRequest) -> HttpResponse:
    """A locked-out account loses the session it signed in with: the lockout page, as for a
    password refused while locked out."""
    username = request.user.get_username()
    log_security_event("mfa.locked_out", request, user=username)
    logout(request)
    return get_lockout_response(request, credentials={"username": username})


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step: the authenticator's 6-digit code, or a recovery code."""
    target = _next(request)
    if mfa.is_verified(request) or not mfa.has_device(request.user):
        return redirect(target or "home")
    if mfa.locked_out(request, request.user):
        return _locked(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.check_code(request, request.user, form.cleaned_data["code"])
        if device is not None:
            mfa.mark_verified(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _("Đã dùng một mã khôi phục; còn %(n)s mã. Nên tạo bộ mã mới.")
                    % {"n": mfa.recovery_codes_left(request.user)},
                )
            return redirect(target or "home")
        if getattr(request, "axes_locked_out", False):
            return _locked(request)
        form.add_error("code", _("Mã không đúng hoặc đã dùng. Nhập mã đang hiện trong ứng dụng."))
    return render(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "next": target, "demo_code": mfa.demo_hint(request.user)},
    )


def _codes_page(request: HttpRequest, codes: list[str], *, target: str) -> HttpResponse:
    # Shown once, on this answer (never in a message, the session or a log).
    return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": target})


@login_required
def enroll(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator: the QR code and the secret, confirmed by a code."""
    target = _next(request)
    if mfa.has_device(request.user):
        return redirect("mfa-verify" if not mfa.is_verified(request) else "mfa-settings")
    device = services.start_enrollment(user=request.user)
    form = CodeForm(request.POST or None)
    if wrote := write_form(
        request,
        form,
        lambda data: services.confirm_enrollment(
            user=request.user, device=device, code=data["code"]
        ),
    ):
        device.refresh_from_db()
        mfa.mark_verified(request, device)
        log_security_event("mfa.enrolled", request)
        return _codes_page(request, wrote.result, target=target)
    return render(
        request,
        "accounts/mfa_enroll.html",
        {
            "form": form,
            "next": target,
            "qr": mfa.qr_svg(device),
            "secret": mfa.secret_base32(device),
            "required": mfa.required(request.user),
        },
    )


@login_required
def own_settings(request: HttpRequest) -> HttpResponse:
    """The user's own two-factor page: on or off, recovery codes left, a new set."""
    return render(
        request,
        "accounts/mfa_settings.html",
        {
            "enabled": mfa.has_device(request.user),
            "required": mfa.required(request.user),
            "codes_left": mfa.recovery_codes_left(request.user),
        },
    )


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """A new set of recovery codes (the old set stops working), after re-authentication."""
    if needed := reauth.reauth_redirect(request):
        return needed
    if request.method != "POST":
        return render(request, "accounts/mfa_recovery_confirm.html", {})
    try:
        codes = services.regenerate_recovery_codes(user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mfa-settings")
    return _codes_page(request, codes, target="")


# --- the administrator's, on the account's page -----------------------------------------
def _admin_action(
    request: HttpRequest,
    user_id: int,
    *,
    act: Any,
    confirm: dict[str, str],
    done: str,
    event: str,
    reauth_first: bool = True,
) -> HttpResponse:
    account = _account(request, user_id)
    if reauth_first and (needed := reauth.reauth_redirect(request)):
        return needed
    if request.method != "POST":
        return _confirm(request, account, **confirm)
    try:
        act(actor=request.user, user=account)
    except PermissionDenied as exc:
        log_security_event("authorization.refused", request, reason=str(exc))
        return _refused(request, exc, account)
    except ValidationError as exc:
        return _refused(request, exc, account)
    log_security_event(event, request, account=account.get_username())
    messages.success(request, done)
    return redirect("accounts:detail", user_id=account.pk)


@login_required
def mfa_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    return _admin_action(
        request,
        user_id,
        act=services.reset_mfa,
        confirm={
            "title": _("Đặt lại xác thực hai lớp"),
            "explain": _(
                "Xóa ứng dụng xác thực và mã khôi phục của tài khoản (ví dụ khi mất điện "
                "thoại); mọi phiên đăng nhập chấm dứt, lần đăng nhập sau phải thiết lập lại."
            ),
            "button": _("Đặt lại"),
        },
        done=_("Đã đặt lại xác thực hai lớp."),
        event="mfa.reset",
    )


@login_required
def unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    return _admin_action(
        request,
        user_id,
        act=services.lift_lockout,
        confirm={
            "title": _("Mở khóa đăng nhập"),
            "explain": _(
                "Xóa các lần đăng nhập sai đã ghi nhận; tài khoản đăng nhập lại được ngay."
            ),
            "button": _("Mở khóa"),
        },
        done=_("Đã mở khóa đăng nhập."),
        event="lockout.lifted",
        reauth_first=False,
    )


def security_section(request: HttpRequest, account: Any) -> dict[str, Any]:
    """The account page's two-factor and lockout state, with the administrator's actions."""
    failures = selectors.recent_failures([account.get_username()]).get(account.get_username(), 0)
    return {
        "template": "accounts/_security_mfa.html",
        "account": account,
        "mfa": mfa.has_device(account),
        "required": mfa.required(account),
        "failures": failures,
        "locked": failures >= settings.AXES_FAILURE_LIMIT,
        "may_act": account.pk != request.user.pk,
    }
