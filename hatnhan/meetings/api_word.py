"""GET /api/v1/meetings/{id}/minutes.docx and …/resolution.docx: the meeting's
minutes and resolution as Word files in the party's format (HD 36), restricted like the
meeting (404 out of reach)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.views import APIView

from hatnhan.core.docx import DOCX_CONTENT_TYPE

from .models import Meeting
from .views_word import minutes_response, resolution_response


def _binary(description: str) -> dict:
    return {(200, DOCX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description=description)}


class MeetingFileView(APIView):
    """A file of one meeting. The queryset and lookup only say which model `{id}` selects
    (the restriction walker and the schema run read them); the read itself is restricted
    in views_word."""

    queryset = Meeting.objects.all()
    lookup_url_kwarg = "id"


class MinutesDocxView(MeetingFileView):
    @extend_schema(
        operation_id="meetings_minutes_docx",
        tags=["meetings"],
        summary="Biên bản sinh hoạt (Word)",
        responses=_binary("Biên bản sinh hoạt chi bộ theo thể thức văn bản của Đảng (HD 36)."),
    )
    def get(self, request: Request, id: int):
        return minutes_response(request.user, id)


class ResolutionDocxView(MeetingFileView):
    @extend_schema(
        operation_id="meetings_resolution_docx",
        tags=["meetings"],
        summary="Nghị quyết cuộc sinh hoạt (Word)",
        responses=_binary("Nghị quyết của cuộc sinh hoạt theo thể thức văn bản của Đảng (HD 36)."),
    )
    def get(self, request: Request, id: int):
        return resolution_response(request.user, id)
