"""/api/v1/feedback-reports/: the handlers' read-only list and detail (the board's FilterSet),
never who reported; `/api/v1/feedback-reports/<id>/identity/` is the one place the API shows
it, to a handler a custodian approved (each read logged as an IdentityView).

The public submit and follow endpoints are in api_public.py, under /api/public/feedback/ with
their own throttle scope."""

from typing import Any

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from hatnhan.core.api import RestrictedModelSerializer, RestrictedReadOnlyViewSet

from . import services
from .filters import ReportFilter
from .models import FeedbackReport
from .selectors import LIST_DEFER


class FeedbackReportSerializer(RestrictedModelSerializer):
    class Meta:
        model = FeedbackReport
        fields = [
            "id",
            "organization",
            "receipt_code",
            "category",
            "description",
            "procedure",
            "dossier_code",
            "happened_on",
            "place",
            "official",
            "status",
            "received_at",
            "received_on",
            "triage_due",
            "triaged_at",
            "answer_due",
            "answer",
            "answered_on",
            "task",
            "case",
            "closed_on",
            "substantiated",
            "outcome",
        ]
        read_only_fields = fields


class FeedbackIdentitySerializer(serializers.Serializer):
    reporter_name = serializers.CharField(read_only=True)
    reporter_contact = serializers.CharField(read_only=True)
    reporter_details = serializers.CharField(read_only=True)


class FeedbackReportViewSet(RestrictedReadOnlyViewSet):
    """Citizens' reports the user handles (filters: `organization`, `status`, `category`,
    `overdue`, `code`, `received_from`, `received_to`). No identity fields."""

    serializer_class = FeedbackReportSerializer
    queryset = FeedbackReport.objects.defer(*LIST_DEFER).order_by("-received_at", "-id")
    filterset_class = ReportFilter

    def get_queryset(self) -> Any:
        queryset = super().get_queryset()
        member_id = getattr(self.request.user, "member_id", None)
        return queryset.exclude(official_member_id=member_id) if member_id else queryset

    @extend_schema(responses=FeedbackIdentitySerializer)
    @action(detail=True, methods=["get"], serializer_class=FeedbackIdentitySerializer)
    def identity(self, request: Request, pk: Any = None, **kwargs: Any) -> Response:
        """Who reported: only for a handler whose request a custodian approved (each read is
        logged); 404 for everyone else, as if there were nothing."""
        report = self.get_object()
        try:
            shown = services.view_identity(actor=request.user, report=report, channel="api")
        except PermissionDenied as exc:
            raise NotFound() from exc
        response = Response(FeedbackIdentitySerializer(shown).data)
        response["Cache-Control"] = "private, no-store"
        return response
