"""/api/v1/briefing-duties/, /briefings/, /briefing-conclusions/: the head's briefing duty
(QĐ 138-QĐ/TW 2023, Art. 11).

- GET/POST/PATCH /briefing-duties/ — who briefs, how often, when it is due;
  POST /briefing-duties/{id}/request/ {request_note, due_date} — the committee asks for a
  briefing; GET /briefing-duties/{id}/record/?year= — the head's record for the year.
- GET /briefings/; POST /briefings/ {duty, period_start, results, …, files (multipart)} —
  the head (or the secretary on the head's behalf) files a period's briefing;
  POST /briefings/{id}/submit/ — answers a request; POST /briefings/{id}/acknowledge/
  {acknowledged_on, acknowledgment_note, conclusions: [..]} — the committee's acknowledgment.
- GET /briefing-conclusions/; POST /briefing-conclusions/{id}/task/ {owner, due_date,
  expected_result, title?} — the conclusion becomes a task (201, the task's id).
Reads go through the restriction (404 outside reach); writes through the services."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from hatnhan.core.api import (
    RestrictedModelSerializer,
    RestrictedModelViewSet,
    RestrictedViewSetMixin,
)
from hatnhan.core.people import person_name
from hatnhan.meetings.models import Meeting
from hatnhan.members.models import Member

from . import selectors, services
from .filters import BriefingFilter, DutyFilter
from .models import Briefing, BriefingDuty, BriefingFile, Conclusion, Frequency


class DutySerializer(RestrictedModelSerializer):
    head_name = serializers.CharField(source="head.full_name", read_only=True)
    is_unified = serializers.BooleanField(
        read_only=True, help_text="Bí thư đồng thời là thủ trưởng cơ quan (NQ 18-NQ/TW)."
    )
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False)
    due_days_after_period = serializers.IntegerField(min_value=0, max_value=90, required=False)

    class Meta:
        model = BriefingDuty
        fields = [
            "id",
            "organization",
            "head",
            "head_name",
            "head_title",
            "seat",
            "is_unified",
            "frequency",
            "due_days_after_period",
            "starts_on",
            "is_active",
            "created_at",
        ]
        read_only_fields = ["seat", "created_at"]
        validators: list[Any] = []  # the service refuses a second duty, in Vietnamese

    def create(self, validated: dict[str, Any]) -> BriefingDuty:
        validated.pop("is_active", None)
        return services.create_duty(actor=self.actor, **validated)

    def update(self, instance: BriefingDuty, validated: dict[str, Any]) -> BriefingDuty:
        self.unchangeable(
            instance, validated, "organization", "Không chuyển chế độ thông báo sang tổ chức khác."
        )
        services.update_duty(actor=self.actor, duty=instance, **validated)
        return instance


class BriefingFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = BriefingFile
        fields = ["id", "file_name", "file_kind", "file_size", "url"]

    def get_url(self, obj: BriefingFile) -> str:
        return reverse(
            "briefing_files:file",
            kwargs={"briefing_file_id": obj.pk},
            request=self.context.get("request"),
        )


class ConclusionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conclusion
        fields = ["id", "briefing", "position", "text", "task"]


class BriefingSerializer(RestrictedModelSerializer):
    """Read: the briefing with its files and conclusions. Create: a period's briefing."""

    head_name = serializers.CharField(source="head.full_name", read_only=True)
    submitted_by_name = serializers.SerializerMethodField()
    on_behalf = serializers.BooleanField(
        read_only=True, help_text="Người khác ghi thay người đứng đầu."
    )
    on_time = serializers.BooleanField(read_only=True, allow_null=True)
    files = BriefingFileSerializer(many=True, read_only=True)
    conclusions = ConclusionSerializer(many=True, read_only=True)
    upload = serializers.ListField(
        child=serializers.FileField(),
        write_only=True,
        required=False,
        help_text="Tệp kèm theo (multipart, tên trường `upload`).",
    )

    class Meta:
        model = Briefing
        fields = [
            "id",
            "duty",
            "organization",
            "kind",
            "status",
            "period_start",
            "period_end",
            "due_date",
            "head",
            "head_name",
            "request_note",
            "results",
            "difficulties",
            "new_policies",
            "proposals",
            "submitted_at",
            "submitted_by_name",
            "on_behalf",
            "on_time",
            "acknowledged_on",
            "acknowledgment_note",
            "meeting",
            "files",
            "conclusions",
            "upload",
        ]
        read_only_fields = [
            "organization",
            "kind",
            "status",
            "period_end",
            "due_date",
            "head",
            "request_note",
            "submitted_at",
            "acknowledged_on",
            "acknowledgment_note",
            "meeting",
        ]
        extra_kwargs = {"results": {"required": True}}

    def get_submitted_by_name(self, obj: Briefing) -> str | None:
        return person_name(obj.submitted_by) or None

    def create(self, validated: dict[str, Any]) -> Briefing:
        files = validated.pop("upload", [])
        return services.file_briefing(actor=self.actor, files=files, **validated)


class ContentInput(serializers.Serializer):
    results = serializers.CharField()
    difficulties = serializers.CharField(required=False, allow_blank=True, default="")
    new_policies = serializers.CharField(required=False, allow_blank=True, default="")
    proposals = serializers.CharField(required=False, allow_blank=True, default="")


class RequestInput(serializers.Serializer):
    request_note = serializers.CharField(max_length=4000)
    due_date = serializers.DateField()


class AcknowledgeInput(serializers.Serializer):
    acknowledged_on = serializers.DateField(required=False)
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(),
        required=False,
        allow_null=True,
        help_text="Cuộc họp của tổ chức mà cấp ủy ghi nhận báo cáo tại đó.",
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.restrict(user)

    acknowledgment_note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=8000
    )
    conclusions = serializers.ListField(
        child=serializers.CharField(max_length=2000), required=False, default=list, max_length=30
    )


class ConclusionTaskInput(serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    due_date = serializers.DateField()
    expected_result = serializers.CharField(max_length=4000)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Member.objects.restrict(user)


class TaskRef(serializers.Serializer):
    task = serializers.IntegerField()
    source_ref = serializers.CharField()


class RecordSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    due = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    missing = serializers.IntegerField()


def _input(request: Request, kind: type[serializers.Serializer], **kwargs: Any) -> dict[str, Any]:
    payload = kind(data=request.data, **kwargs)
    payload.is_valid(raise_exception=True)
    return payload.validated_data


class BriefingDutyViewSet(RestrictedModelViewSet):
    """Briefing duties (filters: `organization`, `frequency`, `active`)."""

    serializer_class = DutySerializer
    queryset = BriefingDuty.objects.all()
    filterset_class = DutyFilter

    def get_queryset(self) -> QuerySet[BriefingDuty]:
        return selectors.duty_list(self.request.user)

    @extend_schema(
        request=RequestInput, responses={201: BriefingSerializer}, summary="Cấp ủy yêu cầu báo cáo"
    )
    @action(detail=True, methods=["post"], url_path="request")
    def ask(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        duty = self.get_object()
        briefing = services.request_briefing(
            actor=request.user, duty=duty, **_input(request, RequestInput)
        )
        fresh = selectors.briefing_detail(request.user, briefing.pk)
        return Response(
            BriefingSerializer(fresh, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="Năm (mặc định năm nay).")
        ],
        responses=RecordSerializer,
        summary="Kết quả báo cáo đúng hạn của người đứng đầu trong năm",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def record(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        duty = self.get_object()
        today = timezone.localdate()
        raw = request.query_params.get("year", "")
        year = (
            int(raw) if raw.isascii() and raw.isdigit() and 1900 <= int(raw) <= 2200 else today.year
        )
        record = selectors.head_record(duty.head_id, year, today=today)
        return Response(RecordSerializer(record).data)


class BriefingViewSet(
    RestrictedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Briefings (filters: `organization`, `duty`, `status`, `kind`, `year`, `late`)."""

    serializer_class = BriefingSerializer
    queryset = Briefing.objects.all()
    filterset_class = BriefingFilter
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self) -> QuerySet[Briefing]:
        return selectors.briefing_list(self.request.user).prefetch_related("files", "conclusions")

    def _answer(self, briefing: Briefing) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=briefing.pk)).data)

    @extend_schema(
        request=ContentInput, responses=BriefingSerializer, summary="Gửi báo cáo cấp ủy đã yêu cầu"
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        briefing = self.get_object()
        files = request.FILES.getlist("upload") if request.FILES else []
        services.submit_requested(
            actor=request.user, briefing=briefing, files=files, **_input(request, ContentInput)
        )
        return self._answer(briefing)

    @extend_schema(
        request=AcknowledgeInput, responses=BriefingSerializer, summary="Cấp ủy ghi nhận, kết luận"
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        briefing = self.get_object()
        services.acknowledge_briefing(
            actor=request.user, briefing=briefing, **_input(request, AcknowledgeInput)
        )
        return self._answer(briefing)


class ConclusionViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The committee's conclusions on briefings; each can become a task once."""

    serializer_class = ConclusionSerializer
    queryset = Conclusion.objects.all()

    def get_queryset(self) -> QuerySet[Conclusion]:
        return (
            super()
            .get_queryset()
            .select_related("briefing")
            .order_by("briefing_id", "position", "id")
        )

    @extend_schema(
        request=ConclusionTaskInput,
        responses={201: TaskRef},
        summary="Giao kết luận thành nhiệm vụ",
    )
    @action(detail=True, methods=["post"])
    def task(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        conclusion = self.get_object()
        data = _input(request, ConclusionTaskInput, user=request.user)
        task = services.conclusion_to_task(actor=request.user, conclusion=conclusion, **data)
        return Response(
            {"task": task.pk, "source_ref": task.source_ref}, status=status.HTTP_201_CREATED
        )
