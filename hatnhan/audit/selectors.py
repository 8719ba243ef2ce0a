from django.db.models import Model, QuerySet

from .models import AuditEvent


def history_for(obj: Model) -> QuerySet[AuditEvent]:
    """An object's events, newest first. Callers have already restricted access to obj."""
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")
