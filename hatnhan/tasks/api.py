"""/api/v1/tasks/ (and /api/v1/notifications/): the task contract.

- POST /tasks/ {title, organization, assignee, due_date, expected_result, …} → 201
  {id, status: "assigned", …}; an assignee outside the organization's subtree → 400.
- GET /tasks/ — what the user may see: own and co-worked tasks for a member, the subtree's
  for a committee; GET /tasks/{id}/ shows status, is_overdue (the owner is late),
  submitted_late and awaiting_acceptance_days (the acceptor's delay), and who filed the
  report done (submitted_by, "…, thay mặt …" when filed on the member's behalf).
- POST /tasks/{id}/progress/ {percent, note, submit?, files (multipart)}.
- POST /tasks/{id}/accept/ {outcome, comment} — the owner, and whoever filed the report
  done, get 403.
- POST /tasks/{id}/return/, /cancel/, /extension/, /extension/decide/.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from hatnhan.core.api import RestrictedModelSerializer, RestrictedModelViewSet
from hatnhan.core.people import name_of, person_name
from hatnhan.core.services import field_error
from hatnhan.members.models import Member

from . import selectors, services
from .filters import NotificationFilter, TaskFilter
from .models import (
    Evidence,
    ExtensionRequest,
    ExtensionStatus,
    Notification,
    Outcome,
    Priority,
    ProgressUpdate,
    Recurrence,
    SourceKind,
    Task,
)


@contextmanager
def _owner_as_assignee() -> Iterator[None]:
    """The contract calls the task's owner "assignee": so do the service's errors."""
    try:
        yield
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "owner" in exc.error_dict:
            exc.error_dict["assignee"] = exc.error_dict.pop("owner")
        raise


class TaskSerializer(RestrictedModelSerializer):
    assignee = serializers.PrimaryKeyRelatedField(source="owner", queryset=Member.objects.all())
    # The names below are columns of the list's own query (tasks.selectors.api_task_list).
    assignee_name = serializers.CharField(source="owner_name", read_only=True)
    coworkers = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), many=True, required=False
    )
    assigned_by = serializers.CharField(
        source="assigned_by_login", read_only=True, default=None, allow_null=True
    )
    assigned_by_name = serializers.SerializerMethodField(
        help_text="Người giao: tên đảng viên, tên đăng nhập khi tài khoản không gắn đảng viên."
    )
    accepted_by_name = serializers.SerializerMethodField(help_text="Người nghiệm thu.")
    is_overdue = serializers.BooleanField(
        read_only=True,
        help_text="Người thực hiện chậm: chưa báo cáo hoàn thành khi đã quá hạn (sau gia hạn), "
        "hoặc báo cáo sau hạn. Việc báo cáo đúng hạn đang chờ nghiệm thu không quá hạn.",
    )
    submitted_late = serializers.BooleanField(
        read_only=True, help_text="Báo cáo hoàn thành sau hạn đang có hiệu lực."
    )
    awaiting_acceptance_days = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Số ngày chờ người nghiệm thu (null khi không chờ nghiệm thu).",
    )
    submitted_by = serializers.SerializerMethodField(
        help_text="Ai lập báo cáo hoàn thành đang chờ (hoặc đã được) nghiệm thu; "
        "“…, thay mặt …” khi lập thay người thực hiện."
    )
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)
    recurrence = serializers.ChoiceField(
        choices=Recurrence.choices, required=False, allow_blank=True
    )
    source_kind = serializers.ChoiceField(
        choices=SourceKind.choices, required=False, allow_blank=True
    )

    class Meta:
        model = Task
        fields = [
            "id",
            "organization",
            "title",
            "description",
            "expected_result",
            "assignee",
            "assignee_name",
            "coworkers",
            "assigned_by",
            "assigned_by_name",
            "start_date",
            "due_date",
            "original_due_date",
            "priority",
            "status",
            "percent",
            "is_overdue",
            "submitted_late",
            "awaiting_acceptance_days",
            "source_kind",
            "focus_issue",
            "directive",
            "source_ref",
            "parent",
            "recurrence",
            "outcome",
            "submitted_at",
            "submitted_by",
            "accepted_at",
            "accepted_by_name",
            "cancel_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "original_due_date",
            "status",
            "percent",
            "outcome",
            "submitted_at",
            "accepted_at",
            "cancel_reason",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "start_date": {"required": False},
            # The ids alone do not say which is which: the same focus issue ("Chấn chỉnh giờ
            # giấc") recurs in one resolution after another.
            "focus_issue": {
                "help_text": "Mã vấn đề trọng tâm mà nhiệm vụ thực hiện. GET /api/v1/focus-issues/"
                " liệt kê các vấn đề với `label`: vấn đề kèm số, ký hiệu và trích yếu nghị quyết."
            },
            "directive": {
                "help_text": "Mã văn bản chỉ đạo mà nhiệm vụ thực hiện. GET /api/v1/directives/ "
                "liệt kê các văn bản theo số, ký hiệu (`number_symbol`) và trích yếu."
            },
        }

    def get_assigned_by_name(self, obj: Task) -> str | None:
        return name_of(obj.assigned_by_member_name, obj.assigned_by_login) or None

    def get_accepted_by_name(self, obj: Task) -> str | None:
        return name_of(obj.accepted_by_member_name, obj.accepted_by_login) or None

    def get_submitted_by(self, obj: Task) -> str | None:
        return selectors.api_filed_by(obj)

    def create(self, validated: dict[str, Any]) -> Task:
        with _owner_as_assignee():
            return services.create_task(actor=self.actor, **validated)

    def update(self, instance: Task, validated: dict[str, Any]) -> Task:
        """PATCH: edit or reassign an open task. The due date moves only by an extension,
        the organization never (a task stays where it was assigned)."""
        for field, message in (
            ("due_date", "Hạn hoàn thành chỉ đổi qua đề nghị gia hạn (POST …/extension/)."),
            ("organization", "Không chuyển nhiệm vụ sang tổ chức khác; hủy và giao lại."),
            ("parent", "Không đổi nhiệm vụ cha của nhiệm vụ đã giao."),
        ):
            self.unchangeable(instance, validated, field, message)
        owner = validated.pop("owner", None)
        coworkers = validated.pop("coworkers", None)
        with _owner_as_assignee():
            services.update_task(
                actor=self.actor, task=instance, owner=owner, coworkers=coworkers, **validated
            )
        return instance


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "file_name", "file_kind", "file_size", "created_at", "url"]

    def get_url(self, obj: Evidence) -> str:
        return reverse(
            "task_files:evidence",
            kwargs={"evidence_id": obj.pk},
            request=self.context.get("request"),
        )


class ProgressSerializer(serializers.ModelSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)
    author = serializers.CharField(
        source="author.username", read_only=True, default=None, allow_null=True
    )
    member_name = serializers.CharField(
        source="member.full_name",
        read_only=True,
        default=None,
        allow_null=True,
        help_text="Đảng viên mà báo cáo này báo cáo cho.",
    )
    filed_by = serializers.SerializerMethodField(
        help_text="Người lập báo cáo (tên đảng viên, hoặc tên đăng nhập khi không gắn đảng viên)."
    )
    on_behalf = serializers.BooleanField(
        read_only=True, help_text="true: do người khác lập thay mặt đảng viên (member_name)."
    )

    def get_filed_by(self, obj: ProgressUpdate) -> str | None:
        return person_name(obj.author) or None

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "percent",
            "note",
            "submitted",
            "author",
            "filed_by",
            "on_behalf",
            "member_name",
            "created_at",
            "evidence",
        ]


class ProgressInput(serializers.Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    submit = serializers.BooleanField(required=False, default=False)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class AcceptInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class CommentInput(serializers.Serializer):
    comment = serializers.CharField()


class CancelInput(serializers.Serializer):
    reason = serializers.CharField()


class ExtensionInput(serializers.Serializer):
    requested_due_date = serializers.DateField()
    reason = serializers.CharField()


class DecideInput(serializers.Serializer):
    grant = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "task",
            "previous_due_date",
            "requested_due_date",
            "reason",
            "status",
            "decided_at",
            "decision_note",
            "created_at",
        ]


class TaskViewSet(RestrictedModelViewSet):
    """Tasks the user may see, filtered as the board is (tasks.filters.TaskFilter):
    `organization` (with its subtree), `assignee` (the owner), `member` (owned or co-worked),
    `status` (comma-separated), `focus_issue`, `directive`, `overdue` (true/false), `q`,
    `due_from`, `due_to`, `ordering`."""

    serializer_class = TaskSerializer
    queryset = Task.objects.all()
    filterset_class = TaskFilter
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]

    def get_queryset(self) -> QuerySet[Task]:
        # The selector reads through restrict(VIEW) itself.
        return selectors.api_task_list(self.request.user)

    def _input(self, kind: type[serializers.Serializer]) -> dict[str, Any]:
        """The action's input, checked (400 when it is not right)."""
        payload = kind(data=self.request.data)
        payload.is_valid(raise_exception=True)
        return payload.validated_data

    def _answer(self, task: Task, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=task.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=ProgressSerializer(many=True),
        summary="Các báo cáo tiến độ của nhiệm vụ, kèm minh chứng",
    )
    @extend_schema(
        methods=["POST"],
        request=ProgressInput,
        responses={201: ProgressSerializer},
        summary="Báo cáo tiến độ (percent, note, submit, files qua multipart)",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[parsers.MultiPartParser, parsers.FormParser, parsers.JSONParser],
        # The task's own reports: the whole list, not the task list's pages and filters.
        pagination_class=None,
        filter_backends=[],
    )
    def progress(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """GET: the task's progress reports with evidence. POST: report progress
        (`percent`, `note`, `submit`, and files under `files` by multipart)."""
        task = self.get_object()
        if request.method == "GET":
            updates = task.progress_updates.select_related(
                "author__member", "member"
            ).prefetch_related("evidence")
            return Response(
                ProgressSerializer(updates, many=True, context={"request": request}).data
            )
        # Read the fields, never copy request.data: a copy deep-copies the uploads, and one
        # spooled to disk (over FILE_UPLOAD_MAX_MEMORY_SIZE) cannot be copied (a 500).
        data = request.data
        payload = ProgressInput(
            data={
                "percent": data.get("percent"),
                "note": data.get("note", ""),
                "submit": data.get("submit", False),
                "files": request.FILES.getlist("files") if request.FILES else [],
            }
        )
        payload.is_valid(raise_exception=True)
        update = services.report_progress(actor=request.user, task=task, **payload.validated_data)
        return Response(
            ProgressSerializer(update, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=AcceptInput,
        responses=TaskSerializer,
        summary="Nghiệm thu (outcome, comment); người thực hiện → 403",
    )
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        # Out of reach answers 404 before anything about the input.
        task = self.get_object()
        data = self._input(AcceptInput)
        services.accept_task(actor=request.user, task=task, **data)
        return self._answer(task)

    @extend_schema(
        request=CommentInput,
        responses=TaskSerializer,
        summary="Trả lại nhiệm vụ đang chờ nghiệm thu để làm tiếp",
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        # Out of reach answers 404 before anything about the input.
        task = self.get_object()
        data = self._input(CommentInput)
        services.return_task(actor=request.user, task=task, **data)
        return self._answer(task)

    @extend_schema(
        request=CancelInput, responses=TaskSerializer, summary="Hủy nhiệm vụ (bắt buộc ghi lý do)"
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        # Out of reach answers 404 before anything about the input.
        task = self.get_object()
        data = self._input(CancelInput)
        services.cancel_task(actor=request.user, task=task, **data)
        return self._answer(task)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=ExtensionSerializer(many=True),
        summary="Các đề nghị gia hạn của nhiệm vụ",
    )
    @extend_schema(
        methods=["POST"],
        request=ExtensionInput,
        responses={201: ExtensionSerializer},
        summary="Đề nghị gia hạn",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def extension(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """GET: the task's extension requests. POST: ask for a later due date."""
        task = self.get_object()
        if request.method == "GET":
            return Response(ExtensionSerializer(task.extension_requests.all(), many=True).data)
        data = self._input(ExtensionInput)
        ext = services.request_extension(actor=request.user, task=task, **data)
        return Response(ExtensionSerializer(ext).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DecideInput,
        responses=ExtensionSerializer,
        summary="Đồng ý hoặc không đồng ý đề nghị gia hạn đang chờ",
    )
    @action(detail=True, methods=["post"], url_path="extension/decide")
    def decide_extension(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Grant or refuse the pending extension request (`grant`, `note`)."""
        # Out of reach answers 404 before anything about the input.
        task = self.get_object()
        data = self._input(DecideInput)
        pending = task.extension_requests.filter(status=ExtensionStatus.PENDING).first()
        if pending is None:
            raise field_error("extension", "Không có đề nghị gia hạn nào đang chờ.")
        ext = services.decide_extension(actor=request.user, extension=pending, **data)
        return Response(ExtensionSerializer(ext).data)


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "task",
            "about_ref",
            "link",
            "message",
            "reminder_date",
            "created_at",
            "read_at",
        ]


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The user's own notifications (reminders, assignments, decisions); `?unread=true`."""

    serializer_class = NotificationSerializer
    queryset = Notification.objects.none()  # for introspection (schema); reads: get_queryset
    filterset_class = NotificationFilter

    def get_queryset(self) -> QuerySet[Notification]:
        return Notification.objects.filter(user=self.request.user).order_by("-created_at", "-id")

    @extend_schema(request=None, responses=NotificationSerializer, summary="Đánh dấu đã đọc")
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        notification = self.get_object()
        services.mark_notifications_read(user=request.user, ids=[notification.pk])
        notification.refresh_from_db()
        return Response(self.get_serializer(notification).data)
