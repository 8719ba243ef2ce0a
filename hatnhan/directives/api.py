"""/api/v1/directives/, /year-themes/, /resolutions/, /focus-issues/: list, detail, create.

Reads go through the restriction (404 outside reach); writes go through the services."""

from typing import Any

from django.db.models import QuerySet
from rest_framework import parsers, serializers
from rest_framework.reverse import reverse

from hatnhan.api.base import RestrictedCreateViewSet, RestrictedModelSerializer

from . import selectors, services
from .filters import DirectiveFilter, FocusIssueFilter, ResolutionFilter, YearThemeFilter
from .models import Directive, FocusIssue, Resolution, YearTheme


class DirectiveSerializer(RestrictedModelSerializer):
    file = serializers.FileField(write_only=True, required=False)
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
            "file_name",
            "file_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["is_active", "file_name", "created_at", "updated_at"]
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


class YearThemeSerializer(RestrictedModelSerializer):
    class Meta:
        model = YearTheme
        fields = ["id", "organization", "year", "title", "note", "directives", "created_at"]
        read_only_fields = ["created_at"]
        validators: list[Any] = []  # the service checks uniqueness, in Vietnamese

    def create(self, validated: dict[str, Any]) -> YearTheme:
        return services.create_year_theme(actor=self.actor, **validated)


class FocusIssueSerializer(RestrictedModelSerializer):
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
            "created_at",
        ]
        read_only_fields = ["organization", "created_at"]
        extra_kwargs = {"position": {"required": False}}

    def create(self, validated: dict[str, Any]) -> FocusIssue:
        return services.create_focus_issue(actor=self.actor, **validated)


class ResolutionSerializer(RestrictedModelSerializer):
    file = serializers.FileField(write_only=True, required=False)
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


class _ListDetailCreate(RestrictedCreateViewSet):
    # get_queryset reads through the app's selectors, which restrict (VIEW) themselves.
    # Directives and resolutions come with their file (multipart).
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
