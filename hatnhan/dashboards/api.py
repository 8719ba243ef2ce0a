"""/api/v1/scorecards/organizations/{id}/ (an organization's scorecard, and `…/bloc/`: the rows
of the bloc's dashboard under it) and /api/v1/scorecards/members/{id}/ (a member's own, and
`…/head/`: the head's). Read-only, through the restriction (another organization's id is 404);
the period is chosen by the pages' GET parameters (periods.py), invalid ones answer 400."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from hatnhan.core.api import RestrictedViewSetMixin
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization

from . import figures, periods
from .bloc import bloc_table

PERIOD_PARAMETERS = [
    OpenApiParameter(
        "period",
        str,
        enum=["year", "quarter", "month", "range"],
        description="Loại kỳ; mặc định: năm.",
    ),
    OpenApiParameter("year", int, description="Năm (kỳ năm, quý); mặc định: năm hiện tại."),
    OpenApiParameter("quarter", int, enum=[1, 2, 3, 4], description="Quý (kỳ quý)."),
    OpenApiParameter("month", str, description="Tháng yyyy-mm (kỳ tháng)."),
    OpenApiParameter("start", str, description="Từ ngày (kỳ khoảng thời gian)."),
    OpenApiParameter("end", str, description="Đến ngày (kỳ khoảng thời gian)."),
]


class MonthValueSerializer(serializers.Serializer):
    month = serializers.DateField()
    value = serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True)


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True)
    unit = serializers.CharField(help_text="“%” cho tỷ lệ (0..100), “” cho số đếm, “ngày”.")
    better = serializers.CharField(help_text="higher | lower | “” (không đánh giá)")
    previous = serializers.DecimalField(
        max_digits=12, decimal_places=1, allow_null=True, help_text="Cùng kỳ năm trước."
    )
    trend = MonthValueSerializer(many=True)
    previous_trend = MonthValueSerializer(
        many=True,
        allow_null=True,
        help_text="Các tháng của cùng kỳ năm trước; null: không có (chỉ tiêu không theo tháng).",
    )
    drill_url = serializers.CharField(allow_null=True, help_text="Danh sách hồ sơ được tính.")
    note = serializers.CharField()


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    figures = FigureSerializer(many=True)


class ScorecardSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="organization | head | member")
    title = serializers.CharField()
    subtitle = serializers.CharField()
    organization_id = serializers.IntegerField()
    member_id = serializers.IntegerField(allow_null=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    period_label = serializers.CharField()
    sections = SectionSerializer(many=True)
    fresh_as_of = serializers.DateTimeField(allow_null=True)


class BlocCellSerializer(serializers.Serializer):
    key = serializers.CharField()
    value = serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True)
    drill_url = serializers.CharField(allow_null=True)
    outlier = serializers.CharField(source="mark", help_text="low | high | “”")
    verdict = serializers.CharField(help_text="bad | good | “”")


class BlocRowSerializer(serializers.Serializer):
    organization_id = serializers.IntegerField(source="organization.pk")
    organization_name = serializers.CharField(source="organization.name")
    cells = BlocCellSerializer(many=True)


class BlocSerializer(serializers.Serializer):
    root_id = serializers.IntegerField(source="root.pk")
    period_start = serializers.DateField(source="period.start")
    period_end = serializers.DateField(source="period.end")
    period_label = serializers.CharField(source="period.label")
    as_of = serializers.DateField()
    sort = serializers.CharField()
    rows = BlocRowSerializer(many=True)
    total = BlocRowSerializer()


def _period(request: Request) -> periods.Period:
    period, form = periods.parse(request.query_params, timezone.localdate())
    if not form.is_valid():
        # The API's error shape: each parameter's messages as a list of strings.
        raise ValidationError(
            {name: [str(m) for m in errors] for name, errors in form.errors.items()}
        )
    return period


class OrganizationScorecardViewSet(RestrictedViewSetMixin, viewsets.GenericViewSet):
    queryset = Organization.objects.filter(is_active=True)
    serializer_class = ScorecardSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=ScorecardSerializer)
    def retrieve(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        card = figures.organization_scorecard(self.get_object(), _period(request))
        return Response(ScorecardSerializer(card).data)

    @extend_schema(
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter("sort", str, description="Khóa chỉ tiêu để sắp xếp."),
            OpenApiParameter("dir", str, enum=["asc", "desc"]),
        ],
        responses=BlocSerializer,
    )
    @action(detail=True, methods=["get"])
    def bloc(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        table = bloc_table(
            self.get_object(),
            _period(request),
            sort=request.query_params.get("sort", ""),
            descending=request.query_params.get("dir") == "desc",
        )
        return Response(BlocSerializer(table).data)


class MemberScorecardViewSet(RestrictedViewSetMixin, viewsets.GenericViewSet):
    queryset = Member.objects.select_related("organization")
    serializer_class = ScorecardSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=ScorecardSerializer)
    def retrieve(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        card = figures.member_scorecard(self.get_object(), _period(request), timezone.localdate())
        return Response(ScorecardSerializer(card).data)

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=ScorecardSerializer)
    # Not named `head`: DRF would answer HTTP HEAD requests with it.
    @action(detail=True, methods=["get"], url_path="head", url_name="head")
    def head_scorecard(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        card = figures.head_scorecard(self.get_object(), _period(request), timezone.localdate())
        if card is None:
            raise NotFound("Đảng viên này không giữ chức danh cấp ủy, không đứng đầu cơ quan.")
        return Response(ScorecardSerializer(card).data)
