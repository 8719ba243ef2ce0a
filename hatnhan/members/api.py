"""/api/v1/members/ and /api/v1/seats/: party members and committee seats."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from hatnhan.core.api import (
    RestrictedModelSerializer,
    RestrictedModelViewSet,
)

from . import services
from .filters import MemberFilter, SeatFilter
from .models import CommitteeSeat, Member, MemberTransfer


class MemberSerializer(RestrictedModelSerializer):
    class Meta:
        model = Member
        fields = [
            "id",
            "full_name",
            "organization",
            "date_of_birth",
            "gender",
            "party_card_number",
            "probationary_date",
            "full_membership_date",
            "is_probationary",
            "post",
            "status",
            "email",
            "phone",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def create(self, validated_data: dict[str, Any]) -> Member:
        organization = validated_data.pop("organization")
        return services.create_member(actor=self.actor, organization=organization, **validated_data)

    def update(self, instance: Member, validated_data: dict[str, Any]) -> Member:
        self.unchangeable(
            instance,
            validated_data,
            "organization",
            _("Muốn đổi tổ chức của đảng viên, hãy dùng thao tác chuyển sinh hoạt."),
        )
        services.update_member(actor=self.actor, member=instance, **validated_data)
        return instance


class MemberTransferSerializer(RestrictedModelSerializer):
    """A move to another organization; the member's former organization stays on record."""

    date = serializers.DateField(required=False, help_text=_("Mặc định: hôm nay."))

    class Meta:
        model = MemberTransfer
        fields = ["id", "member", "from_organization", "to_organization", "date", "note"]
        read_only_fields = ["member", "from_organization"]

    def create(self, validated_data: dict[str, Any]) -> MemberTransfer:
        return services.transfer_member(
            actor=self.actor, member=self.context["member"], **validated_data
        )


class MemberViewSet(RestrictedModelViewSet):
    """Party members the user may see, in Vietnamese name order (given name first)."""

    queryset = Member.objects.all()
    serializer_class = MemberSerializer
    filterset_class = MemberFilter

    def get_queryset(self) -> QuerySet[Member]:
        return super().get_queryset().order_by("sort_key", "id")

    @extend_schema(request=MemberTransferSerializer, responses={201: MemberTransferSerializer})
    @action(detail=True, methods=["post"], serializer_class=MemberTransferSerializer)
    def transfer(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Chuyển sinh hoạt: move the member to another organization (CHANGE on both)."""
        # The member first: outside reach is 404 before any input is read.
        member = self.get_object()
        serializer = MemberTransferSerializer(
            data=request.data, context={**self.get_serializer_context(), "member": member}
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class CommitteeSeatSerializer(RestrictedModelSerializer):
    class Meta:
        model = CommitteeSeat
        fields = [
            "id",
            "organization",
            "member",
            "role",
            "term",
            "is_agency_head",
            "start_date",
            "end_date",
            "is_current",
        ]

    def create(self, validated_data: dict[str, Any]) -> CommitteeSeat:
        return services.create_seat(actor=self.actor, **validated_data)

    def update(self, instance: CommitteeSeat, validated_data: dict[str, Any]) -> CommitteeSeat:
        for field in ("organization", "member"):
            self.unchangeable(
                instance,
                validated_data,
                field,
                _("Không đổi được tổ chức hay đảng viên của một chức danh; hãy tạo chức danh mới."),
            )
        services.update_seat(actor=self.actor, seat=instance, **validated_data)
        return instance


class CommitteeSeatViewSet(RestrictedModelViewSet):
    """Committee seats (secretary, deputy, standing, committee member) by organization and term."""

    queryset = CommitteeSeat.objects.all()
    serializer_class = CommitteeSeatSerializer
    filterset_class = SeatFilter

    def get_queryset(self) -> QuerySet[CommitteeSeat]:
        return super().get_queryset().order_by("organization__path", "role", "id")
