"""GET /api/v1/meetings/{meeting_id}/minutes.docx and …/resolution.docx: the meeting's
minutes and resolution as Word files in the party's format (HD 36), restricted like the
meeting (404 out of reach)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from hatnhan.core.docx import DOCX_CONTENT_TYPE

from .views_word import minutes_response, resolution_response


def _binary(description: str) -> dict:
    return {(200, DOCX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description=description)}


class MinutesDocxView(APIView):
    @extend_schema(
        operation_id="meetings_minutes_docx",
        tags=["meetings"],
        summary="Biên bản sinh hoạt (Word)",
        responses=_binary("Biên bản sinh hoạt chi bộ theo thể thức văn bản của Đảng (HD 36)."),
    )
    def get(self, request: Request, meeting_id: int):
        return minutes_response(request.user, meeting_id)


class ResolutionDocxView(APIView):
    @extend_schema(
        operation_id="meetings_resolution_docx",
        tags=["meetings"],
        summary="Nghị quyết cuộc sinh hoạt (Word)",
        responses=_binary("Nghị quyết của cuộc sinh hoạt theo thể thức văn bản của Đảng (HD 36)."),
    )
    def get(self, request: Request, meeting_id: int):
        return resolution_response(request.user, meeting_id)
