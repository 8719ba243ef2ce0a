"""/api/v1/meetings/ (schedule, invitation, attendance and QR check-in, minutes, speeches, the
resolution into the task loop, closing, corrections, quality) and /api/v1/meeting-assessments/
(members confirm the committee's proposal).

Reads go through the restriction (404 outside reach); writes through the services, which
check the rules (400 keyed by field, in Vietnamese) and the right to write (403)."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from hatnhan.core.api import (
    RestrictedModelSerializer,
    RestrictedModelViewSet,
    RestrictedReadOnlyViewSet,
)
from hatnhan.core.restrict import CHANGE
from hatnhan.core.services import require
from hatnhan.directives.models import FocusLevel
from hatnhan.members.models import Member

from . import quality, selectors, services
from .filters import MeetingFilter
from .models import (
    MINUTES_PARTS,
    AssessmentKind,
    Attendance,
    AttendanceStatus,
    Correction,
    Meeting,
    MeetingBody,
    MeetingResolution,
    Minutes,
    QualityAssessment,
    QualityLevel,
    Speech,
)

_FIXED = {"organization": "Không chuyển cuộc sinh hoạt sang tổ chức khác."}


class MeetingSerializer(RestrictedModelSerializer):
    invited = serializers.IntegerField(read_only=True, default=0)
    present = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "organization",
            "body",
            "kind",
            "title",
            "year",
            "month",
            "quarter",
            "has_thematic_part",
            "topic",
            "place",
            "planned_start",
            "planned_minutes",
            "agenda",
            "chair",
            "minutes_taker",
            "state",
            "invitation_sent_at",
            "documents_sent_at",
            "committee_met_on",
            "draft_resolution",
            "superior_attendee",
            "actual_start",
            "actual_end",
            "closed_at",
            "invited",
            "present",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "state",
            "invitation_sent_at",
            "documents_sent_at",
            "actual_start",
            "actual_end",
            "closed_at",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "year": {"required": False},
            "quarter": {"required": False},
        }
        validators: list[Any] = []  # the service checks the month's one regular meeting

    def create(self, validated: dict[str, Any]) -> Meeting:
        return services.schedule_meeting(actor=self.actor, **validated)

    def update(self, instance: Meeting, validated: dict[str, Any]) -> Meeting:
        self.unchangeable(instance, validated, "organization", _FIXED["organization"])
        services.update_meeting(actor=self.actor, meeting=instance, **validated)
        return instance


class GenerateInput(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.none())
    year = serializers.IntegerField(min_value=1930, max_value=2200)
    place = serializers.CharField(max_length=255)
    body = serializers.ChoiceField(choices=MeetingBody.choices, default=MeetingBody.CELL)
    weekday = serializers.IntegerField(
        min_value=0, max_value=6, default=1, help_text="0 = thứ Hai … 6 = Chủ nhật"
    )
    nth = serializers.ChoiceField(
        choices=[1, 2, 3, 4, -1], default=1, help_text="Tuần thứ mấy; -1: tuần cuối"
    )
    start_time = serializers.TimeField(default="14:00")
    planned_minutes = serializers.IntegerField(min_value=15, max_value=1440, default=120)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hatnhan.organizations.models import Organization

        self.fields["organization"].queryset = Organization.objects.restrict(user, CHANGE)


class InvitationSerializer(serializers.Serializer):
    invited = serializers.IntegerField()
    notified = serializers.IntegerField()
    emailed = serializers.IntegerField()


class AttendanceSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Attendance
        fields = [
            "id",
            "member",
            "member_name",
            "status",
            "reason",
            "late_minutes",
            "checked_in_at",
            "method",
            "invited_at",
        ]


class AttendanceInput(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.none())
    status = serializers.ChoiceField(
        choices=[AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED]
    )
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    late_minutes = serializers.IntegerField(min_value=0, max_value=1440, default=0)

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["member"].queryset = Member.objects.filter(
                organization__path__startswith=meeting.organization.path
            )


class CheckInInput(serializers.Serializer):
    code = serializers.CharField(max_length=500, help_text="Mã đọc từ QR trên màn hình chủ trì.")


class CheckInCodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    url = serializers.CharField()
    seconds_left = serializers.IntegerField()
    open = serializers.BooleanField(help_text="Đang trong thời gian điểm danh.")


class TimesInput(serializers.Serializer):
    actual_start = serializers.DateTimeField()
    actual_end = serializers.DateTimeField(required=False, allow_null=True, default=None)


class MinutesSerializer(serializers.ModelSerializer):
    class Meta:
        model = Minutes
        fields = list(MINUTES_PARTS)
        extra_kwargs = {p: {"required": False, "allow_blank": True} for p in MINUTES_PARTS}


class SpeechSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Speech
        fields = ["id", "member", "member_name", "position", "content", "created_at"]
        read_only_fields = ["position", "created_at"]


class SpeechInput(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.none())
    content = serializers.CharField(max_length=20000)

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.fields["member"].queryset = Member.objects.filter(attendances__meeting=meeting)


class TaskSpecInput(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    expected_result = serializers.CharField(max_length=5000)
    owner = serializers.PrimaryKeyRelatedField(queryset=Member.objects.none())
    due_date = serializers.DateField()
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )


class FocusSpecInput(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    level = serializers.ChoiceField(choices=FocusLevel.choices, default=FocusLevel.KEY)
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    tasks = TaskSpecInput(many=True, required=False, default=list)


class ResolutionInput(serializers.Serializer):
    text = serializers.CharField(max_length=50000)
    number_symbol = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    focus_issues = FocusSpecInput(many=True, required=False, default=list)

    def __init__(
        self, *args: Any, meeting: Meeting | None = None, user: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if meeting is not None:
            owners = Member.objects.restrict(user, CHANGE).filter(
                organization__path__startswith=meeting.organization.path
            )
            self.fields["focus_issues"].child.fields["tasks"].child.fields[
                "owner"
            ].queryset = owners


class MeetingResolutionSerializer(serializers.ModelSerializer):
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = MeetingResolution
        fields = ["id", "number_symbol", "text", "resolution", "adopted_at", "tasks"]

    def get_tasks(self, obj: MeetingResolution) -> list[int]:
        return list(services.tasks_of(obj.meeting).values_list("pk", flat=True))


class MeetingCorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ["id", "field", "before", "after", "reason", "made_at"]


class CorrectionInput(serializers.Serializer):
    field = serializers.ChoiceField(choices=list(services.CORRECTABLE))
    value = serializers.CharField(
        max_length=50000, allow_blank=True, help_text="Thời gian: ISO 8601."
    )
    reason = serializers.CharField(max_length=5000)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["field"] in ("actual_start", "actual_end"):
            moment = serializers.DateTimeField().run_validation(attrs["value"])
            attrs["value"] = moment
        return attrs


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    passed = serializers.BooleanField()
    facts = serializers.DictField(help_text="Các dữ kiện trong hồ sơ mà phép kiểm tra đã đọc.")


class QualitySerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=0, max_value=100)
    level = serializers.ChoiceField(choices=QualityLevel.choices)
    checks = CheckSerializer(many=True)


class AssessmentSerializer(serializers.ModelSerializer):
    agreed = serializers.IntegerField(read_only=True, default=0)
    disagreed = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = QualityAssessment
        fields = [
            "id",
            "meeting",
            "kind",
            "preparation",
            "attendance",
            "conduct",
            "closing",
            "score",
            "level",
            "checks",
            "comment",
            "assessor_name",
            "made_at",
            "agreed",
            "disagreed",
        ]


class AssessmentInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AssessmentKind.choices, default=AssessmentKind.PROPOSAL)
    preparation = serializers.IntegerField(min_value=0, max_value=100, default=0)
    attendance = serializers.IntegerField(min_value=0, max_value=100, default=0)
    conduct = serializers.IntegerField(min_value=0, max_value=100, default=0)
    closing = serializers.IntegerField(min_value=0, max_value=100, default=0)
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    assessor_name = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )


class ConfirmInput(serializers.Serializer):
    agrees = serializers.BooleanField()
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ConfirmationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agrees = serializers.BooleanField()
    comment = serializers.CharField()


CHECK_IN_REFUSALS = OpenApiResponse(
    description="Điểm danh bị từ chối, không ghi gì: ngoài thời gian điểm danh, mã giả hoặc "
    "đã hết hạn (mã đổi mỗi phút), không thuộc thành phần dự họp, hoặc đã điểm danh rồi. "
    "Thông báo tiếng Việt theo trường `code`.",
    examples=[
        OpenApiExample("Mã hết hạn", value={"code": [services.EXPIRED_CODE]}),
        OpenApiExample("Mã không hợp lệ", value={"code": [services.REFUSED_CODE]}),
        OpenApiExample(
            "Đã điểm danh",
            value={"code": ["Đồng chí đã điểm danh lúc 14:02 — không điểm danh lần nữa."]},
        ),
    ],
)


class MeetingViewSet(RestrictedModelViewSet):
    """Meetings of the organizations in reach (filters: `organization`, `kind`, `body`,
    `state`, `year`, `month`, `q`). A member reads the meetings they are invited to."""

    serializer_class = MeetingSerializer
    queryset = Meeting.objects.all()
    filterset_class = MeetingFilter

    def get_queryset(self) -> QuerySet[Meeting]:
        return selectors.meeting_list(self.request.user)

    def _input(self, kind: type[serializers.Serializer], **kwargs: Any) -> dict[str, Any]:
        payload = kind(data=self.request.data, **kwargs)
        payload.is_valid(raise_exception=True)
        return payload.validated_data

    def _answer(self, meeting: Meeting) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data)

    @extend_schema(
        request=GenerateInput,
        responses={201: MeetingSerializer(many=True)},
        summary="Lên lịch sinh hoạt thường kỳ cả năm",
    )
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])
    def generate(self, request: Request, **kwargs: Any) -> Response:
        data = self._input(GenerateInput, user=request.user)
        made = services.generate_year(actor=request.user, **data)
        rows = self.get_queryset().filter(pk__in=[m.pk for m in made]).order_by("planned_start")
        return Response(self.get_serializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses=InvitationSerializer,
        summary="Gửi giấy mời (trong ứng dụng, thư điện tử kèm .ics)",
    )
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        result = services.send_invitation(actor=request.user, meeting=meeting)
        return Response(InvitationSerializer(result).data)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=AttendanceSerializer(many=True),
        summary="Danh sách điểm danh",
    )
    @extend_schema(
        methods=["POST"],
        request=AttendanceInput,
        responses=AttendanceSerializer,
        summary="Thư ký điểm danh một đảng viên",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def attendance(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        if request.method == "GET":
            return Response(AttendanceSerializer(selectors.attendances(meeting), many=True).data)
        data = self._input(AttendanceInput, meeting=meeting)
        row = services.record_attendance(actor=request.user, meeting=meeting, **data)
        return Response(AttendanceSerializer(row).data)

    @extend_schema(
        request=CheckInInput,
        responses={200: AttendanceSerializer, 400: CHECK_IN_REFUSALS},
        summary="Đảng viên tự điểm danh bằng mã QR",
    )
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        data = self._input(CheckInInput)
        row = services.check_in(actor=request.user, meeting=meeting, code=data["code"])
        return Response(AttendanceSerializer(row).data)

    @extend_schema(
        request=None,
        responses=CheckInCodeSerializer,
        summary="Mã điểm danh hiện tại (màn hình chủ trì)",
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="check-in-code",
        pagination_class=None,
        filter_backends=[],
    )
    def check_in_code(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        require(request.user, CHANGE, meeting)
        code = services.checkin_code(meeting)
        url = (
            request.build_absolute_uri(reverse("meetings:check-in", args=[meeting.pk]))
            + f"?code={code}"
        )
        return Response(
            {
                "code": code,
                "url": url,
                "seconds_left": services.seconds_left(),
                "open": services.in_window(meeting, timezone.now()),
            }
        )

    @extend_schema(
        request=TimesInput,
        responses=MeetingSerializer,
        summary="Thời gian bắt đầu, kết thúc thực tế",
    )
    @action(detail=True, methods=["post"])
    def times(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        services.record_times(actor=request.user, meeting=meeting, **self._input(TimesInput))
        return self._answer(meeting)

    @extend_schema(
        methods=["GET"], request=None, responses=MinutesSerializer, summary="Biên bản (các phần)"
    )
    @extend_schema(
        methods=["POST"],
        request=MinutesSerializer,
        responses=MinutesSerializer,
        summary="Ghi biên bản (các phần gửi lên)",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def minutes(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        if request.method == "GET":
            found = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
            return Response(MinutesSerializer(found).data)
        data = self._input(MinutesSerializer)
        saved = services.save_minutes(actor=request.user, meeting=meeting, **data)
        return Response(MinutesSerializer(saved).data)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=SpeechSerializer(many=True),
        summary="Ý kiến phát biểu",
    )
    @extend_schema(
        methods=["POST"],
        request=SpeechInput,
        responses={201: SpeechSerializer},
        summary="Ghi ý kiến phát biểu",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def speeches(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        if request.method == "GET":
            return Response(SpeechSerializer(selectors.speeches(meeting), many=True).data)
        data = self._input(SpeechInput, meeting=meeting)
        speech = services.add_speech(actor=request.user, meeting=meeting, **data)
        return Response(SpeechSerializer(speech).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses=MeetingSerializer,
        summary="Lấy tình hình nhiệm vụ của nghị quyết tháng trước",
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        services.review_previous(actor=request.user, meeting=meeting)
        return self._answer(meeting)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=MeetingResolutionSerializer,
        summary="Nghị quyết của cuộc sinh hoạt",
    )
    @extend_schema(
        methods=["POST"],
        request=ResolutionInput,
        responses={201: MeetingResolutionSerializer},
        summary="Thông qua nghị quyết: vấn đề trọng tâm và nhiệm vụ vào danh sách nhiệm vụ",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def resolution(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        if request.method == "GET":
            found = MeetingResolution.objects.filter(meeting=meeting).first()
            if found is None:
                raise NotFound("Cuộc sinh hoạt chưa có nghị quyết.")
            return Response(MeetingResolutionSerializer(found).data)
        data = self._input(ResolutionInput, meeting=meeting, user=request.user)
        issues = [
            services.FocusSpec(
                title=issue["title"],
                level=issue["level"],
                description=issue["description"],
                tasks=[services.TaskSpec(**task) for task in issue.get("tasks", [])],
            )
            for issue in data["focus_issues"]
        ]
        adopted = services.adopt_resolution(
            actor=request.user,
            meeting=meeting,
            text=data["text"],
            number_symbol=data["number_symbol"],
            focus_issues=issues,
        )
        return Response(MeetingResolutionSerializer(adopted).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=MeetingSerializer, summary="Kết thúc, khóa biên bản")
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        services.close_meeting(actor=request.user, meeting=meeting)
        return self._answer(meeting)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=MeetingCorrectionSerializer(many=True),
        summary="Các đính chính",
    )
    @extend_schema(
        methods=["POST"],
        request=CorrectionInput,
        responses={201: MeetingCorrectionSerializer},
        summary="Đính chính cuộc sinh hoạt đã kết thúc",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def corrections(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        if request.method == "GET":
            return Response(MeetingCorrectionSerializer(meeting.corrections.all(), many=True).data)
        data = self._input(CorrectionInput)
        made = services.correct_meeting(actor=request.user, meeting=meeting, **data)
        return Response(MeetingCorrectionSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses=QualitySerializer,
        summary="Chất lượng sinh hoạt: điểm, xếp loại, các phép kiểm tra",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def quality(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        return Response(quality.meeting_result(meeting).as_dict())

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=AssessmentSerializer(many=True),
        summary="Các đánh giá chất lượng",
    )
    @extend_schema(
        methods=["POST"],
        request=AssessmentInput,
        responses={201: AssessmentSerializer},
        summary="Cấp ủy đề xuất, hoặc cấp trên đánh giá (điểm chấm ngoài phần tự động)",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def assessments(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        meeting = self.get_object()
        if request.method == "GET":
            return Response(AssessmentSerializer(selectors.assessments(meeting), many=True).data)
        made = services.assess_meeting(
            actor=request.user, meeting=meeting, **self._input(AssessmentInput)
        )
        return Response(AssessmentSerializer(made).data, status=status.HTTP_201_CREATED)


class AssessmentViewSet(RestrictedReadOnlyViewSet):
    """Quality assessments of meetings in reach; members confirm the committee's proposal."""

    serializer_class = AssessmentSerializer
    queryset = QualityAssessment.objects.all()

    def get_queryset(self) -> QuerySet[QualityAssessment]:
        return super().get_queryset().select_related("meeting").order_by("-made_at", "-id")

    @extend_schema(
        request=ConfirmInput,
        responses={201: ConfirmationSerializer},
        summary="Đảng viên có mặt cho ý kiến về đề xuất xếp loại",
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        assessment = self.get_object()
        payload = ConfirmInput(data=request.data)
        payload.is_valid(raise_exception=True)
        row = services.confirm_assessment(
            actor=request.user, assessment=assessment, **payload.validated_data
        )
        return Response(
            {"id": row.pk, "agrees": row.agrees, "comment": row.comment},
            status=status.HTTP_201_CREATED,
        )
