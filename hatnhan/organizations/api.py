"""/api/v1/organizations/: the organization tree, each node with its members counted."""

from typing import Any

from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from hatnhan.core.api import (
    RestrictedModelSerializer,
    RestrictedModelViewSet,
    int_param,
    reachable_or_404,
    search,
)
from hatnhan.members.models import Member, MemberStatus

from . import services
from .models import Organization, Term

# Members who still belong to the organization; those gone for good are not counted.
COUNTED_STATUSES = [
    MemberStatus.ACTIVE,
    MemberStatus.SUSPENDED,
    MemberStatus.EXEMPT,
]


def with_member_count(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    """Annotate `member_count`: members in the organization and its whole subtree, one
    correlated subquery per row of the same SQL statement (no query per organization)."""
    counted = (
        Member.objects.filter(
            organization__path__startswith=OuterRef("path"), status__in=COUNTED_STATUSES
        )
        .order_by()
        .annotate(n=Func(F("id"), function="COUNT"))
        .values("n")
    )
    return queryset.annotate(
        member_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    )


class OrganizationSerializer(RestrictedModelSerializer):
    member_count = serializers.IntegerField(
        read_only=True,
        help_text=_(
            "Số đảng viên của tổ chức và các cấp dưới (không tính người đã chuyển đi, "
            "từ trần, bị khai trừ)."
        ),
    )

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "parent",
            "agency_name",
            "is_active",
            "depth",
            "member_count",
        ]
        read_only_fields = ["depth"]

    def create(self, validated_data: dict[str, Any]) -> Organization:
        return services.create_organization(actor=self.actor, **validated_data)

    def update(self, instance: Organization, validated_data: dict[str, Any]) -> Organization:
        return services.update_organization(
            actor=self.actor, organization=instance, **validated_data
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "search",
                OpenApiTypes.STR,
                description=_("Tìm theo mã, tên, cơ quan; không phân biệt dấu, hoa thường."),
            ),
            OpenApiParameter(
                "parent", OpenApiTypes.INT, description=_("Chỉ các tổ chức trực thuộc tổ chức này.")
            ),
            OpenApiParameter("kind", OpenApiTypes.STR, description=_("Loại tổ chức.")),
        ]
    )
)
class OrganizationViewSet(RestrictedModelViewSet):
    """Organizations the user may see, in tree order. Create and edit need the CHANGE right
    on the parent (and on the organization itself)."""

    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer

    def get_queryset(self) -> QuerySet[Organization]:
        queryset = with_member_count(super().get_queryset()).order_by("path")
        if self.action != "list":
            return queryset
        params = self.request.query_params
        queryset = search(queryset, params.get("search"))
        parent = int_param(self.request, "parent")
        if parent is not None:
            queryset = queryset.filter(parent_id=parent)
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        return queryset


class TermSerializer(RestrictedModelSerializer):
    class Meta:
        model = Term
        fields = ["id", "organization", "name", "start_date", "end_date"]
        # The service checks a repeated name, naming the field in Vietnamese; DRF's own
        # unique-together check would answer first, in English, for no field.
        validators: list[Any] = []

    def create(self, validated_data: dict[str, Any]) -> Term:
        return services.create_term(actor=self.actor, **validated_data)

    def update(self, instance: Term, validated_data: dict[str, Any]) -> Term:
        # A term stays with its organization: the service refuses `organization` by name.
        services.update_term(actor=self.actor, term=instance, **validated_data)
        instance.refresh_from_db()
        return instance


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "organization",
                OpenApiTypes.INT,
                description=_("Nhiệm kỳ của tổ chức này; 404 nếu tổ chức ngoài phạm vi."),
            ),
        ]
    )
)
class TermViewSet(RestrictedModelViewSet):
    """Committee terms (nhiệm kỳ), newest first. Created and corrected (PATCH: name and
    dates, audited with the before and after) with the CHANGE right on the organization."""

    queryset = Term.objects.all()
    serializer_class = TermSerializer

    def get_queryset(self) -> QuerySet[Term]:
        queryset = super().get_queryset().order_by("organization__path", "-start_date", "id")
        if self.action != "list":
            return queryset
        organization_id = int_param(self.request, "organization")
        if organization_id is not None:
            reachable_or_404(Organization.objects.all(), self.request.user, organization_id)
            queryset = queryset.filter(organization_id=organization_id)
        return queryset
