"""/api/v1/directives/, /year-themes/, /resolutions/, /focus-issues/: list, detail, create,
and corrections (PATCH, or PUT with every field).

Reads go through the restriction (404 outside reach); writes go through the services, which
require CHANGE on the record and audit every change. Where a record was made (its
organization; a focus issue's resolution) is never corrected: a PATCH changing it is 400."""

from typing import Any

from django.db.models import QuerySet
from rest_framework import parsers, serializers
from rest_framework.reverse import reverse

from hatnhan.core.api import RestrictedModelSerializer, RestrictedModelViewSet

from . import selectors, services
from .filters import DirectiveFilter, FocusIssueFilter, ResolutionFilter, YearThemeFilter
from .forms import focus_issue_label
from .models import Directive, FocusIssue, Resolution, YearTheme

_FIXED = {
    "organization": "Không chuyển sang tổ chức khác: nơi ghi nhận giữ nguyên khi sửa.",
    "resolution": "Không chuyển vấn đề sang nghị quyết khác; thêm vấn đề ở nghị quyết kia.",
}


class CorrectableSerializer(RestrictedModelSerializer):
    """Creates through the app's create service, corrects through its update service."""

    def correct(self, instance: Any, validated: dict[str, Any]) -> dict[str, Any]:
        """The update service's keywords: the fields a correction may not change refused."""
        for field, message in _FIXED.items():
            self.unchangeable(instance, validated, field, message)
        return validated


class _DocumentSerializer(CorrectableSerializer):
    """A record with its document (multipart `file`; `remove_file: true` takes it off)."""

    file = serializers.FileField(
        write_only=True, required=False, help_text="Tệp văn bản (PDF, Word, Excel hoặc ảnh)."
    )
    remove_file = serializers.BooleanField(
        write_only=True, required=False, help_text="true: bỏ tệp hiện có (khi sửa)."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None:
            attrs.pop("remove_file", None)  # nothing to remove yet
        return attrs


class DirectiveSerializer(_DocumentSerializer):
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Directive
        fields = [
            "id",
            "organization",
            "kind",
            "number_symbol",
            "issuing_body",
            "issued_on",
            "title",
            "summary",
            "is_active",
            "file",
            "remove_file",
            "file_name",
            "file_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["file_name", "created_at", "updated_at"]
        validators: list[Any] = []  # the service checks uniqueness, in Vietnamese

    def get_file_url(self, obj: Directive) -> str | None:
        if not obj.file:
            return None
        return reverse(
            "directive_files:directive",
            kwargs={"directive_id": obj.pk},
            request=self.context.get("request"),
        )

    def create(self, validated: dict[str, Any]) -> Directive:
        return services.create_directive(actor=self.actor, **validated)

    def update(self, instance: Directive, validated: dict[str, Any]) -> Directive:
        services.update_directive(
            actor=self.actor, directive=instance, **self.correct(instance, validated)
        )
        return instance


class YearThemeSerializer(CorrectableSerializer):
    class Meta:
        model = YearTheme
        fields = ["id", "organization", "year", "title", "note", "directives", "created_at"]
        read_only_fields = ["created_at"]
        validators: list[Any] = []  # the service checks uniqueness, in Vietnamese

    def create(self, validated: dict[str, Any]) -> YearTheme:
        return services.create_year_theme(actor=self.actor, **validated)

    def update(self, instance: YearTheme, validated: dict[str, Any]) -> YearTheme:
        services.update_year_theme(
            actor=self.actor, theme=instance, **self.correct(instance, validated)
        )
        return instance


class FocusIssueSerializer(CorrectableSerializer):
    label = serializers.SerializerMethodField(
        help_text="Vấn đề kèm nghị quyết đã chọn nó (số, ký hiệu và trích yếu), như trong "
        "các danh sách chọn: cùng một vấn đề có thể lặp lại ở nhiều nghị quyết."
    )

    class Meta:
        model = FocusIssue
        fields = [
            "id",
            "resolution",
            "organization",
            "title",
            "description",
            "level",
            "directives",
            "year_theme",
            "position",
            "label",
            "created_at",
        ]
        read_only_fields = ["organization", "created_at"]
        extra_kwargs = {"position": {"required": False}}

    def get_label(self, obj: FocusIssue) -> str:
        return focus_issue_label(obj)

    def create(self, validated: dict[str, Any]) -> FocusIssue:
        return services.create_focus_issue(actor=self.actor, **validated)

    def update(self, instance: FocusIssue, validated: dict[str, Any]) -> FocusIssue:
        services.update_focus_issue(
            actor=self.actor, focus_issue=instance, **self.correct(instance, validated)
        )
        return instance


class ResolutionSerializer(_DocumentSerializer):
    file_url = serializers.SerializerMethodField()
    focus_issue_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Resolution
        fields = [
            "id",
            "organization",
            "kind",
            "number_symbol",
            "title",
            "adopted_on",
            "period_start",
            "period_end",
            "content",
            "year_theme",
            "directives",
            "file",
            "remove_file",
            "file_name",
            "file_url",
            "focus_issue_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["file_name", "created_at", "updated_at"]

    def get_file_url(self, obj: Resolution) -> str | None:
        if not obj.file:
            return None
        return reverse(
            "directive_files:resolution",
            kwargs={"resolution_id": obj.pk},
            request=self.context.get("request"),
        )

    def create(self, validated: dict[str, Any]) -> Resolution:
        return services.create_resolution(actor=self.actor, **validated)

    def update(self, instance: Resolution, validated: dict[str, Any]) -> Resolution:
        services.update_resolution(
            actor=self.actor, resolution=instance, **self.correct(instance, validated)
        )
        return instance


class _ListDetailCreate(RestrictedModelViewSet):
    # get_queryset reads through the app's selectors, which restrict (VIEW) themselves; the
    # services require CHANGE for a correction. Directives and resolutions come with their
    # file (multipart). PUT too: a client may send the whole corrected record.
    http_method_names = [*RestrictedModelViewSet.http_method_names, "put"]
    parser_classes = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]


class DirectiveViewSet(_ListDetailCreate):
    """Directives from above the user's organizations may read (filters: `q`, `kind`)."""

    serializer_class = DirectiveSerializer
    queryset = Directive.objects.all()
    filterset_class = DirectiveFilter

    def get_queryset(self) -> QuerySet[Directive]:
        return selectors.directive_list(self.request.user)


class YearThemeViewSet(_ListDetailCreate):
    """Year themes (filter: `year`)."""

    serializer_class = YearThemeSerializer
    queryset = YearTheme.objects.all()
    filterset_class = YearThemeFilter

    def get_queryset(self) -> QuerySet[YearTheme]:
        return selectors.year_theme_list(self.request.user)


class ResolutionViewSet(_ListDetailCreate):
    """Resolutions (filters: `organization`, `kind`, `year`, `q`)."""

    serializer_class = ResolutionSerializer
    queryset = Resolution.objects.all()
    filterset_class = ResolutionFilter

    def get_queryset(self) -> QuerySet[Resolution]:
        return selectors.resolution_list(self.request.user)


class FocusIssueViewSet(_ListDetailCreate):
    """Focus issues (filters: `organization`, `resolution`, `level`, `q`)."""

    serializer_class = FocusIssueSerializer
    queryset = FocusIssue.objects.all()
    filterset_class = FocusIssueFilter

    def get_queryset(self) -> QuerySet[FocusIssue]:
        return selectors.focus_issue_list(self.request.user)
