"""/api/v1/audit-events/: the change history, read-only, restricted like the objects it tells of."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers

from hatnhan.core.api import RestrictedReadOnlyViewSet

from .models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "actor",
            "actor_name",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "organization_path",
            "filed_path",
            "before",
            "after",
            "request_id",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "object_type",
                OpenApiTypes.STR,
                description=_("Nhãn mô hình, ví dụ members.member."),
            ),
            OpenApiParameter("object_id", OpenApiTypes.STR, description=_("Mã đối tượng.")),
            OpenApiParameter("action", OpenApiTypes.STR, description=_("Ví dụ member.update.")),
        ]
    )
)
class AuditEventViewSet(RestrictedReadOnlyViewSet):
    """Events about objects in organizations the user may see, newest first."""

    queryset = AuditEvent.objects.all()
    serializer_class = AuditEventSerializer

    def get_queryset(self) -> QuerySet[AuditEvent]:
        queryset = super().get_queryset().order_by("-id")
        if self.action != "list":
            return queryset
        params = self.request.query_params
        for name in ("object_type", "object_id", "action"):
            if params.get(name):
                queryset = queryset.filter(**{name: params[name]})
        return queryset
