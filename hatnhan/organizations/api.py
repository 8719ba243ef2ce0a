"""/api/v1/organizations/: the organization tree, each node with its members counted."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from hatnhan.core.api import (
    RestrictedModelSerializer,
    RestrictedModelViewSet,
)

from . import sections, services
from .filters import OrganizationFilter, TermFilter
from .models import Organization, Term


class OrganizationSerializer(RestrictedModelSerializer):
    member_count = serializers.IntegerField(
        read_only=True,
        help_text=_(
            "Số đảng viên đang sinh hoạt của tổ chức và các cấp dưới, như cây tổ chức "
            "(không tính người tạm đình chỉ, miễn sinh hoạt, đã chuyển đi, từ trần, bị khai trừ)."
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


class OrganizationViewSet(RestrictedModelViewSet):
    """Organizations the user may see, in tree order. Create and edit need the CHANGE right
    on the parent (and on the organization itself)."""

    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter

    def get_queryset(self) -> QuerySet[Organization]:
        return sections.annotate(super().get_queryset()).order_by("path")


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


class TermViewSet(RestrictedModelViewSet):
    """Committee terms (nhiệm kỳ), newest first. Created and corrected (PATCH: name and
    dates, audited with the before and after) with the CHANGE right on the organization."""

    queryset = Term.objects.all()
    serializer_class = TermSerializer
    filterset_class = TermFilter

    def get_queryset(self) -> QuerySet[Term]:
        return super().get_queryset().order_by("organization__path", "-start_date", "id")
