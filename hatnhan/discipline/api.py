"""/api/v1/discipline/ and /api/v1/state-discipline/.

- POST /discipline/ {member | organization, form, number, decided_on, effective_on?,
  deciding_body, reason, case?, seat?, self_reported?} → 201; `form` one of reprimand,
  warning, dismissal, expulsion, dissolution (a form not allowed for the subject, QĐ 69 Art.
  7, or a body without competence → 400 naming the field). Its consequence is recorded with
  it (khai trừ: the member expelled and their account closed; cách chức: the seat ended;
  giải tán: the organization and its subtree inactive).
- GET /discipline/ (filters: member, subject_organization, organization, form, status, year,
  q) and /discipline/{id}/. No PATCH, no DELETE: a decision changes only by
  POST /discipline/{id}/corrections/ {kind: annulment | amendment, number, decided_on,
  deciding_body, reason, form?, decision_reason?, effective_on?, self_reported?}.
- /state-discipline/: the state body's discipline of a member; POST …/{id}/notice/
  {notified_on} records when it told the party organization; `is_late` flags a notice after
  the limit (DISCIPLINE_STATE_NOTICE_DAYS) or none by then.
"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from hatnhan.core.api import RestrictedModelSerializer, RestrictedViewSetMixin
from hatnhan.core.restrict import VIEW, restrict
from hatnhan.organizations.models import Organization

from . import selectors, services
from .filters import DecisionFilter, StateDisciplineFilter
from .models import (
    CorrectionKind,
    DisciplineCorrection,
    DisciplineDecision,
    DisciplineForm,
    StateDiscipline,
)


class CorrectionSerializer(RestrictedModelSerializer):
    class Meta:
        model = DisciplineCorrection
        fields = ["id", "kind", "number", "decided_on", "deciding_body", "reason", "changes"]
        read_only_fields = fields


class DecisionSerializer(RestrictedModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(
        source="subject_organization",
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        help_text="Tổ chức bị kỷ luật (khi đối tượng không phải một đảng viên).",
    )
    form = serializers.ChoiceField(choices=DisciplineForm.choices)
    filed_at = serializers.PrimaryKeyRelatedField(
        source="organization",
        read_only=True,
        help_text="Tổ chức của đối tượng khi bị kỷ luật (nơi hồ sơ được lưu và đọc).",
    )
    corrections = CorrectionSerializer(many=True, read_only=True)
    document_url = serializers.SerializerMethodField(help_text="Quyết định dạng Word (HD 36).")

    class Meta:
        model = DisciplineDecision
        fields = [
            "id",
            "member",
            "organization",
            "form",
            "number",
            "decided_on",
            "effective_on",
            "deciding_body",
            "reason",
            "case",
            "seat",
            "self_reported",
            "was_probationary",
            "status",
            "filed_at",
            "corrections",
            "document_url",
            "created_at",
        ]
        read_only_fields = ["was_probationary", "status", "created_at"]
        extra_kwargs = {"effective_on": {"required": False}, "member": {"required": False}}
        validators: list[Any] = []  # the service checks uniqueness, in Vietnamese

    def get_document_url(self, obj: DisciplineDecision) -> str:
        return reverse(
            "discipline:document",
            kwargs={"decision_id": obj.pk},
            request=self.context.get("request"),
        )

    def create(self, validated: dict[str, Any]) -> DisciplineDecision:
        validated["organization"] = validated.pop("subject_organization", None)
        return services.record_decision(actor=self.actor, **validated)


class CorrectionRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CorrectionKind.choices)
    number = serializers.CharField(max_length=64)
    decided_on = serializers.DateField()
    deciding_body = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    reason = serializers.CharField()
    form = serializers.ChoiceField(choices=DisciplineForm.choices, required=False)
    decision_reason = serializers.CharField(required=False)
    effective_on = serializers.DateField(required=False)
    self_reported = serializers.BooleanField(required=False)


class DecisionViewSet(
    RestrictedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Discipline decisions (filters: `member`, `subject_organization`, `organization`,
    `form`, `status`, `year`, `q`). Never edited: corrected by a recorded later decision."""

    serializer_class = DecisionSerializer
    queryset = DisciplineDecision.objects.all()
    filterset_class = DecisionFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[DisciplineDecision]:
        return selectors.decision_list(self.request.user).prefetch_related("corrections")

    @extend_schema(request=CorrectionRequestSerializer, responses={201: DecisionSerializer})
    @action(detail=True, methods=["post"])
    def corrections(self, request: Request, pk: str | None = None, **_kwargs: Any) -> Response:
        """Annul or amend the decision by a later decision (of its body or one above)."""
        decision = self.get_object()
        given = CorrectionRequestSerializer(data=request.data, context={"request": request})
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        body = data["deciding_body"]
        if not restrict(Organization.objects.filter(pk=body.pk), request.user, VIEW).exists():
            raise serializers.ValidationError(
                {"deciding_body": ["Không tìm thấy tổ chức này trong phạm vi của đồng chí."]}
            )
        services.correct_decision(actor=request.user, decision=decision, **data)
        fresh = self.get_queryset().get(pk=decision.pk)
        return Response(
            DecisionSerializer(fresh, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class StateDisciplineSerializer(RestrictedModelSerializer):
    is_late = serializers.SerializerMethodField(
        help_text="Thông báo sau hạn, hoặc đã quá hạn mà chưa thông báo."
    )

    class Meta:
        model = StateDiscipline
        fields = [
            "id",
            "member",
            "organization",
            "state_body",
            "number",
            "decided_on",
            "form",
            "reason",
            "notified_on",
            "notice_due_on",
            "is_late",
            "created_at",
        ]
        read_only_fields = ["organization", "notice_due_on", "created_at"]

    def get_is_late(self, obj: StateDiscipline) -> bool:
        return obj.is_late()

    def create(self, validated: dict[str, Any]) -> StateDiscipline:
        return services.record_state_discipline(actor=self.actor, **validated)


class NoticeSerializer(serializers.Serializer):
    notified_on = serializers.DateField()


class StateDisciplineViewSet(
    RestrictedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """The state body's discipline of party members (filters: `organization`, `member`,
    `year`, `late`)."""

    serializer_class = StateDisciplineSerializer
    queryset = StateDiscipline.objects.all()
    filterset_class = StateDisciplineFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[StateDiscipline]:
        return selectors.state_discipline_list(self.request.user)

    @extend_schema(request=NoticeSerializer, responses={200: StateDisciplineSerializer})
    @action(detail=True, methods=["post"])
    def notice(self, request: Request, pk: str | None = None, **_kwargs: Any) -> Response:
        """The day the state body told the party organization."""
        record = self.get_object()
        given = NoticeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        services.record_state_notice(
            actor=request.user, state_discipline=record, **given.validated_data
        )
        fresh = self.get_queryset().get(pk=record.pk)
        return Response(StateDisciplineSerializer(fresh, context={"request": request}).data)
