"""/api/v1/accounts/: account administration, as on the pages (hatnhan.accounts.views_admin).

Reads only accounts in the administrator's reach (accounts.selectors.manageable_accounts:
another subtree's id answers 404); writes through the services. Granting a role and resetting
a password take the administrator's own `password` in the body (re-authentication,
accounts.reauth: a token carries no session to remember a confirmation in)."""

from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from hatnhan.core.api import _vietnamese
from hatnhan.core.restrict import manages_accounts
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization

from . import reauth, selectors, services
from .filters import AccountFilter
from .models import Role, RoleName, User


class ManagesAccounts(permissions.BasePermission):
    message = _("Đồng chí không có quyền quản lý tài khoản.")

    def has_permission(self, request: Request, view: Any) -> bool:
        # One account's routes answer 404 outside the reach, as everywhere (its queryset is
        # empty for someone who manages none); one's own password is everyone's.
        if getattr(view, "detail", False) or getattr(view, "action", None) == "change_password":
            return True
        return manages_accounts(request.user)


class VietnameseSerializer(serializers.Serializer):
    def get_fields(self) -> dict[str, serializers.Field]:
        found = super().get_fields()
        for field in found.values():
            _vietnamese(field)
        return found


class ManagedChoices(VietnameseSerializer):
    """Members and organizations chosen by id, among those in the administrator's MANAGE reach
    (an id outside it reads as "does not exist")."""

    def get_fields(self) -> dict[str, serializers.Field]:
        found = super().get_fields()
        user = self.context["request"].user
        if "organization" in found:
            found["organization"].queryset = selectors.grantable_organizations(user)
        if "member" in found:
            found["member"].queryset = selectors.members_without_account(user)
        return found


class RoleSerializer(serializers.ModelSerializer):
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Role
        fields = ["id", "role", "role_display", "organization", "created_at"]


class AccountSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True, default="")
    roles = RoleSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "member",
            "member_name",
            "is_active",
            "must_change_password",
            "last_login",
            "date_joined",
            "roles",
        ]
        read_only_fields = fields


class AccountCreateSerializer(ManagedChoices):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.none())
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=RoleName.choices)
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none())


class CreatedSerializer(AccountSerializer):
    temporary_password = serializers.CharField(
        read_only=True, help_text=_("Chỉ trả về một lần; phải đổi ở lần đăng nhập đầu.")
    )

    class Meta(AccountSerializer.Meta):
        fields = [*AccountSerializer.Meta.fields, "temporary_password"]
        read_only_fields = fields


class ConfirmSerializer(VietnameseSerializer):
    password = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        style={"input_type": "password"},
        help_text=_("Mật khẩu của chính người thực hiện (xác nhận lại trước thao tác nhạy cảm)."),
    )
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=32,
        help_text=_("Mã xác thực hai lớp của người thực hiện (khi đã bật), cùng với mật khẩu."),
    )


class RoleGrantSerializer(ManagedChoices, ConfirmSerializer):
    role = serializers.ChoiceField(choices=RoleName.choices)
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none())


class RoleRevokeSerializer(VietnameseSerializer):
    role = serializers.IntegerField(help_text=_("Mã (id) của vai trò của tài khoản này."))


class PasswordChangeSerializer(VietnameseSerializer):
    old_password = serializers.CharField(write_only=True, style={"input_type": "password"})
    new_password = serializers.CharField(write_only=True, style={"input_type": "password"})


class TemporaryPasswordSerializer(VietnameseSerializer):
    temporary_password = serializers.CharField(read_only=True)


def _confirmed(request: Request, data: dict[str, Any]) -> None:
    refusal = reauth.api_confirmed(request, data.get("password"), data.get("otp"))
    if refusal:
        raise PermissionDenied(f"Cần xác nhận lại mật khẩu: {refusal}")


class AccountViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Accounts in the administrator's subtree, in Vietnamese name order of their members."""

    queryset = User.objects.all()
    serializer_class = AccountSerializer
    filterset_class = AccountFilter
    permission_classes = [permissions.IsAuthenticated, ManagesAccounts]

    def get_queryset(self) -> QuerySet[User]:
        return selectors.account_list(self.request.user)

    @extend_schema(request=AccountCreateSerializer, responses={201: CreatedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Tạo tài khoản cho một đảng viên, với mật khẩu tạm thời (trả về một lần)."""
        incoming = AccountCreateSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        user, password = services.create_account(actor=request.user, **incoming.validated_data)
        user = self.get_queryset().get(pk=user.pk)
        user.temporary_password = password
        return Response(CreatedSerializer(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RoleGrantSerializer, responses={201: RoleSerializer})
    @action(detail=True, methods=["post"], url_path="grant-role")
    def grant_role(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Cấp vai trò (cần mật khẩu của người thực hiện)."""
        account = self.get_object()
        incoming = RoleGrantSerializer(data=request.data, context={"request": request})
        incoming.is_valid(raise_exception=True)
        _confirmed(request, incoming.validated_data)
        role = services.grant_role(
            actor=request.user,
            user=account,
            role=incoming.validated_data["role"],
            organization=incoming.validated_data["organization"],
        )
        return Response(RoleSerializer(role).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RoleRevokeSerializer, responses={200: AccountSerializer})
    @action(detail=True, methods=["post"], url_path="revoke-role")
    def revoke_role(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Thu hồi vai trò; vai trò cuối cùng: mọi phiên và mã API chấm dứt ngay."""
        account = self.get_object()
        incoming = RoleRevokeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        role = Role.objects.filter(user=account, pk=incoming.validated_data["role"]).first()
        if role is None:
            raise serializers.ValidationError(
                {"role": [_("Tài khoản này không giữ vai trò có mã đó.")]}
            )
        services.revoke_role(actor=request.user, role=role)
        return Response(AccountSerializer(self.get_queryset().get(pk=account.pk)).data)

    def _set_active(self, request: Request, active: bool) -> Response:
        account = self.get_object()
        services.set_active(actor=request.user, user=account, active=active)
        return Response(AccountSerializer(self.get_queryset().get(pk=account.pk)).data)

    @extend_schema(request=None, responses={200: AccountSerializer})
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Khóa tài khoản: mọi phiên đăng nhập và mã API chấm dứt ngay."""
        return self._set_active(request, False)

    @extend_schema(request=None, responses={200: AccountSerializer})
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Mở lại tài khoản đã khóa."""
        return self._set_active(request, True)

    @extend_schema(request=ConfirmSerializer, responses={200: TemporaryPasswordSerializer})
    @action(detail=True, methods=["post"], url_path="reset-password")
    def reset_password(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Đặt lại mật khẩu tạm thời (cần mật khẩu của người thực hiện); trả về một lần."""
        account = self.get_object()
        incoming = ConfirmSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        _confirmed(request, incoming.validated_data)
        password = services.reset_password(actor=request.user, user=account)
        return Response({"temporary_password": password})

    @extend_schema(
        request=PasswordChangeSerializer,
        responses={200: inline_serializer("PasswordChanged", {"detail": serializers.CharField()})},
    )
    @action(detail=False, methods=["post"], url_path="change-password")
    def change_password(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Đổi mật khẩu của chính mình; các phiên khác và mã API chấm dứt."""
        incoming = PasswordChangeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        session = getattr(request._request, "session", None)
        user = services.change_password(
            user=request.user,
            keep_session_key=session.session_key if session is not None else None,
            **incoming.validated_data,
        )
        if session is not None and session.session_key:
            update_session_auth_hash(request._request, user)
        return Response({"detail": _("Đã đổi mật khẩu.")})
