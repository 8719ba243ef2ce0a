"""/api/v1/evaluation-rounds/ (create, read, compute) and /api/v1/evaluations/ (rows of a round;
self-assessment, review, decide): the contract of issue 12. Reads through the restriction (a
member sees their own row only), writes through the services."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from hatnhan.core.api import RestrictedModelSerializer, RestrictedViewSetMixin
from hatnhan.organizations.models import Organization

from . import services
from .models import Evaluation, Level, Round, Rulebook, SelfForm, Subjects


class EvaluationRoundSerializer(RestrictedModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    rulebook = serializers.SlugRelatedField(slug_field="code", queryset=Rulebook.objects.all())
    subjects = serializers.ChoiceField(choices=Subjects.choices, default=Subjects.MEMBERS)
    progress = serializers.SerializerMethodField(help_text="Số đã tính, tổng số, phần trăm.")
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "organization",
            "title",
            "period_start",
            "period_end",
            "rulebook",
            "subjects",
            "status",
            "progress",
            "warnings",
            "quota_notes",
            "computed_at",
        ]
        read_only_fields = ["status", "quota_notes", "computed_at"]

    def get_fields(self) -> dict[str, Any]:
        found = super().get_fields()
        # A code, not an id: the shared "does not exist" message names an id.
        found["rulebook"].error_messages["does_not_exist"] = "Không có bộ quy định mã “{value}”."
        return found

    def get_progress(self, obj: Round) -> dict[str, int]:
        return {"done": obj.progress, "total": obj.total, "percent": obj.percent}

    def create(self, validated: dict[str, Any]) -> Round:
        return services.create_round(actor=self.actor, **validated)


class EvaluationSerializer(serializers.ModelSerializer):
    explanation = serializers.ListField(child=serializers.DictField(), read_only=True)
    metrics = serializers.DictField(read_only=True)
    member_name = serializers.CharField(source="member.full_name", read_only=True, default="")
    organization_name = serializers.CharField(
        source="organization.name", read_only=True, default=""
    )

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "round",
            "member",
            "member_name",
            "organization",
            "organization_name",
            "excluded",
            "excluded_reason",
            "metrics",
            "task_score",
            "general_score",
            "total_score",
            "proposed_level",
            "committee_level",
            "meeting_level",
            "final_level",
            "stage",
            "self_form",
            "self_strengths",
            "self_weaknesses",
            "self_remedies",
            "self_general_score",
            "self_level",
            "committee_comment",
            "decision_reason",
            "explanation",
        ]
        read_only_fields = fields


class SelfAssessmentSerializer(serializers.Serializer):
    self_form = serializers.ChoiceField(choices=SelfForm.choices, required=False)
    strengths = serializers.CharField()
    weaknesses = serializers.CharField(required=False, allow_blank=True)
    remedies = serializers.CharField(required=False, allow_blank=True)
    general_score = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=30
    )
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_blank=True)


class ReviewSerializer(serializers.Serializer):
    general_score = serializers.IntegerField(min_value=0, max_value=30)
    proposed_level = serializers.ChoiceField(
        choices=Level.choices, required=False, allow_blank=True
    )
    comment = serializers.CharField(required=False, allow_blank=True)


class DecideSerializer(serializers.Serializer):
    final_level = serializers.ChoiceField(choices=Level.choices)
    reason = serializers.CharField(required=False, allow_blank=True)


class EvaluationRoundViewSet(
    RestrictedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = EvaluationRoundSerializer
    queryset = Round.objects.select_related("rulebook", "organization")
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=None, responses=EvaluationRoundSerializer)
    @action(detail=True, methods=["post"])
    def compute(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        round = self.get_object()
        done = services.compute_round(actor=request.user, round=round)
        done = self.get_queryset().get(pk=done.pk)
        code = status.HTTP_202_ACCEPTED if done.task_id else status.HTTP_200_OK
        return Response(self.get_serializer(done).data, status=code)


@extend_schema(
    parameters=[OpenApiParameter("round", int, description="Mã đợt đánh giá", required=False)]
)
class EvaluationViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EvaluationSerializer
    queryset = Evaluation.objects.select_related("member", "organization")

    def get_queryset(self) -> Any:
        qs = super().get_queryset()
        round_id = self.request.query_params.get("round")
        if round_id is not None:
            qs = qs.filter(round_id=round_id if round_id.isdigit() else 0)
        return qs

    def _write(self, request: Request, serializer_class: type, write: Any) -> Response:
        row = self.get_object()
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        write(row, data.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=row.pk)).data)

    @extend_schema(request=SelfAssessmentSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"], url_path="self-assessment")
    def self_assessment(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        return self._write(
            request,
            SelfAssessmentSerializer,
            lambda row, v: services.self_assess(actor=request.user, evaluation=row, **v),
        )

    @extend_schema(request=ReviewSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        return self._write(
            request,
            ReviewSerializer,
            lambda row, v: services.review(actor=request.user, evaluation=row, **v),
        )

    @extend_schema(request=DecideSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        return self._write(
            request,
            DecideSerializer,
            lambda row, v: services.decide(actor=request.user, evaluation=row, **v),
        )
