"""/api/public/feedback/reports/ (file a report) and /api/public/feedback/follow/ (read one
with its code and secret): no account, their own throttle scope (`feedback_public`) on top of
the per-address and per-agency limits of hatnhan.feedback.abuse. A report filed here carries
the page's proof of work when the client did it (`pow_challenge`, `pow_nonce`: a
challenge the report page issued), else it goes to the "to verify" queue."""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from . import abuse, services
from .models import Category, Status


class PublicFeedbackView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "feedback_public"


class PublicReportInSerializer(serializers.Serializer):
    organization = serializers.CharField(help_text="Mã số (id) hoặc mã (code) của cơ quan.")
    category = serializers.ChoiceField(choices=Category.choices)
    description = serializers.CharField(max_length=10000)
    procedure = serializers.CharField(max_length=255, required=False, allow_blank=True)
    dossier_code = serializers.CharField(max_length=64, required=False, allow_blank=True)
    happened_on = serializers.DateField(required=False, allow_null=True)
    place = serializers.CharField(max_length=255, required=False, allow_blank=True)
    official = serializers.CharField(max_length=255, required=False, allow_blank=True)
    reporter_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    reporter_contact = serializers.CharField(max_length=255, required=False, allow_blank=True)
    reporter_details = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    wants_contact = serializers.BooleanField(required=False, default=False)
    pow_challenge = serializers.CharField(required=False, allow_blank=True)
    pow_nonce = serializers.CharField(required=False, allow_blank=True, max_length=32)


class PublicReceiptSerializer(serializers.Serializer):
    receipt_code = serializers.CharField()
    secret = serializers.CharField(help_text="Chỉ trả về một lần; máy chủ chỉ giữ bản băm.")
    status = serializers.ChoiceField(choices=Status.choices)


class PublicFollowInSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=16)
    secret = serializers.CharField(max_length=32)


class PublicStatusSerializer(serializers.Serializer):
    receipt_code = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    received_on = serializers.DateField()
    answer_due = serializers.DateField(allow_null=True)
    answer = serializers.CharField()
    answered_on = serializers.DateField(allow_null=True)
    substantiated = serializers.BooleanField(allow_null=True)
    outcome = serializers.CharField()


class PublicReportView(PublicFeedbackView):
    @extend_schema(
        request=PublicReportInSerializer,
        responses={201: PublicReceiptSerializer},
        summary="Gửi phản ánh (không cần tài khoản)",
    )
    def post(self, request: Request) -> Response:
        incoming = PublicReportInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        organization = services.public_agency(str(data.pop("organization")))
        if organization is None:
            raise serializers.ValidationError({"organization": ["Không tìm thấy cơ quan này."]})
        if abuse.submit_refused(request, organization.pk):
            raise Throttled()
        verified = abuse.proof_valid(data.pop("pow_challenge", ""), data.pop("pow_nonce", ""))
        try:
            report, secret = services.submit_report(
                organization=organization, verified=verified, **data
            )
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return Response(
            {"receipt_code": report.receipt_code, "secret": secret, "status": report.status},
            status=status.HTTP_201_CREATED,
        )


class PublicFollowView(PublicFeedbackView):
    @extend_schema(
        request=PublicFollowInSerializer,
        responses={200: PublicStatusSerializer},
        summary="Theo dõi phản ánh bằng mã tiếp nhận và mã bí mật",
    )
    def post(self, request: Request) -> Response:
        if abuse.follow_refused(request):
            raise Throttled()
        incoming = PublicFollowInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        report = services.follow(**incoming.validated_data)
        if report is None:
            # The same for an unknown code and a wrong secret.
            return Response(
                {"detail": "Mã tiếp nhận hoặc mã bí mật không đúng."},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(PublicStatusSerializer(report).data)
