"""/api/v1/inspection-items/, /inspection-cases/ (with their steps), /inspection-findings/:
read-only lists and details, filtered by subject, kind, step and organization (the pages'
FilterSets). Reads go through the restriction (404 outside reach); every read of one case is
logged like a page read. Writes go through the pages, whose forms follow the steps."""

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from hatnhan.core.api import RestrictedModelSerializer, RestrictedReadOnlyViewSet

from . import services
from .filters import CaseFilter, FindingFilter, ProgramItemFilter
from .models import Case, CaseStep, Finding, ProgramItem, ReadWhat, StepOutcome


class ProgramItemSerializer(RestrictedModelSerializer):
    year = serializers.IntegerField(source="program.year", read_only=True)
    organization = serializers.IntegerField(source="program.organization_id", read_only=True)
    body = serializers.CharField(source="program.body", read_only=True)

    class Meta:
        model = ProgramItem
        fields = [
            "id",
            "program",
            "year",
            "organization",
            "body",
            "kind",
            "subject_organization",
            "subject_member",
            "content",
            "period_start",
            "period_end",
            "team",
            "planned_start",
            "planned_end",
        ]
        read_only_fields = fields


class CaseStepSerializer(serializers.ModelSerializer):
    # "result", not "outcome": the task API's `outcome` is another choice set.
    result = serializers.ChoiceField(
        source="outcome", choices=StepOutcome.choices, read_only=True, help_text="done | skipped"
    )

    class Meta:
        model = CaseStep
        fields = ["step", "result", "started_on", "due_on", "done_on", "skip_reason", "note"]
        read_only_fields = fields


class CaseSerializer(RestrictedModelSerializer):
    steps = CaseStepSerializer(many=True, read_only=True)
    phase = serializers.CharField(read_only=True)
    step_due = serializers.SerializerMethodField(
        help_text="Hạn của bước hiện tại theo thời hạn đã cấu hình (null: không hạn)."
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "organization",
            "body",
            "program_item",
            "kind",
            "subject_organization",
            "subject_member",
            "title",
            "content",
            "phase",
            "step",
            "step_since",
            "step_due",
            "decision_number",
            "decision_date",
            "team_head",
            "notice_date",
            "meeting_date",
            "no_violation",
            "conclusion",
            "conclusion_number",
            "conclusion_date",
            "closed_on",
            "close_anyway_reason",
            "steps",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_step_due(self, obj: Case) -> Any:
        return services.step_due(obj.step, obj.step_since) if not obj.is_closed else None


class FindingSerializer(RestrictedModelSerializer):
    remediation_tasks = serializers.SerializerMethodField(
        help_text="Mã các nhiệm vụ khắc phục (nguồn: nội dung phát hiện này)."
    )

    class Meta:
        model = Finding
        fields = [
            "id",
            "case",
            "title",
            "description",
            "severity",
            "evidence",
            "remediation_tasks",
            "recorded_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_remediation_tasks(self, obj: Finding) -> list[int]:
        return [r.task_id for r in obj.recommendations.all()]


class ProgramItemViewSet(RestrictedReadOnlyViewSet):
    """Items of the inspection and supervision programs (filters: `organization`, `subject`,
    `subject_member`, `kind`, `year`)."""

    serializer_class = ProgramItemSerializer
    queryset = ProgramItem.objects.select_related("program").order_by("planned_start", "id")
    filterset_class = ProgramItemFilter


class CaseViewSet(RestrictedReadOnlyViewSet):
    """Cases with their steps (filters: `organization`, `subject`, `subject_member`, `kind`,
    `step`, `open`). Reading one case is logged in its read log."""

    serializer_class = CaseSerializer
    queryset = Case.objects.prefetch_related(
        Prefetch("steps", queryset=CaseStep.objects.order_by("recorded_at", "id"))
    ).order_by("-created_at", "-id")
    filterset_class = CaseFilter

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        services.log_read(user=request.user, case=case, what=ReadWhat.API)
        return Response(self.get_serializer(case).data)


class FindingViewSet(RestrictedReadOnlyViewSet):
    """Findings (filters: `organization`, `subject`, `case`, `kind`, `step`, `severity`)."""

    serializer_class = FindingSerializer
    queryset = Finding.objects.prefetch_related("recommendations").order_by("case", "id")
    filterset_class = FindingFilter
