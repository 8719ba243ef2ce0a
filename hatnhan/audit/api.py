"""/api/v1/audit-events/: the change history, read-only, restricted like the objects it tells of."""

from django.db.models import QuerySet
from rest_framework import serializers

from hatnhan.core.api import RestrictedReadOnlyViewSet

from .filters import AuditEventFilter
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


class AuditEventViewSet(RestrictedReadOnlyViewSet):
    """Events about objects in organizations the user may see, newest first."""

    queryset = AuditEvent.objects.all()
    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return super().get_queryset().order_by("-id")
