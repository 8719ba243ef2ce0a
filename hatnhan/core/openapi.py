"""The schema documents the errors every operation may answer, not only its success.

drf-spectacular describes the 200/201 of each operation; a client (and the schemathesis run
in hatnhan/api/tests/test_schemathesis.py) also meets the refusals docs/api.md lists. They
are the same for every operation, so they are added here once, for every app's viewsets:
401 (not signed in), 403 (may not), 404 (out of reach, or no such page of a list), 429
(throttled); 400 wherever input is read (a body, or query parameters); 413 and 415 where a
body is read. Their bodies: ``{"detail": "…"}``; a 400 is keyed by field or parameter.
"""

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"

_SCHEMAS: dict[str, dict[str, Any]] = {
    ERROR: {
        "type": "object",
        "description": "Lý do, bằng tiếng Việt (hoặc ngôn ngữ đồng chí chọn).",
        "properties": {
            "detail": {"type": "string"},
            "request_id": {
                "type": "string",
                "description": "Mã yêu cầu (X-Request-ID), khi máy chủ gặp lỗi.",
            },
        },
        "required": ["detail"],
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": "Lỗi theo từng trường (hoặc tham số truy vấn): "
        '`{"trường": ["thông báo", …]}`; `non_field_errors` cho quy tắc không thuộc riêng '
        'trường nào; `{"detail": "…"}` khi nội dung không đọc được (JSON hỏng).',
        "additionalProperties": {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                # A list field's errors by item index, a nested serializer's by its fields.
                {"type": "object"},
                {"type": "string"},
            ]
        },
    },
}

_DESCRIPTIONS = {
    "400": "Dữ liệu hoặc tham số không hợp lệ.",
    "401": "Chưa đăng nhập, hoặc mã API không hợp lệ.",
    "403": "Không có quyền làm việc này.",
    "404": "Không có, hoặc ngoài phạm vi của đồng chí.",
    "413": "Nội dung yêu cầu quá lớn.",
    "415": "Kiểu nội dung (Content-Type) không được nhận.",
    "429": "Gửi quá nhiều yêu cầu; thử lại sau.",
}
_BODY_METHODS = {"POST", "PUT", "PATCH"}


def _blank_model_choice(field: serializers.Field) -> bool:
    """A read-only choice field over a model field that may be blank ("" until decided).
    DRF drops `allow_blank` from read-only model fields, so the schema's enum would leave
    out the "" the API answers (a task's `outcome` before acceptance)."""
    if not isinstance(field, serializers.ChoiceField) or not field.read_only or field.allow_blank:
        return False
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return False
    try:
        model_field = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return False
    return isinstance(model_field, models.CharField) and model_field.blank


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(
        self, field: serializers.Field, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        if _blank_model_choice(field):
            field.allow_blank = True  # type: ignore[attr-defined]
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _get_parameters(self) -> list[dict[str, Any]]:
        # Read again for the responses: whether the operation takes query parameters.
        self._parameters = super()._get_parameters()
        return self._parameters

    def _component(self, name: str) -> dict[str, Any]:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=_SCHEMAS[name]
        )
        self.registry.register_on_missing(component)
        return component.ref

    def _error(self, code: str, name: str) -> dict[str, Any]:
        return {
            "description": _DESCRIPTIONS[code],
            "content": {"application/json": {"schema": self._component(name)}},
        }

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        codes = ["401", "403", "404", "429"]
        has_body = self.method in _BODY_METHODS
        if has_body or self._has_query_parameters():
            codes.append("400")
        if has_body:
            codes += ["413", "415"]
        for code in sorted(codes):
            name = VALIDATION_ERROR if code == "400" else ERROR
            responses.setdefault(code, self._error(code, name))
        return responses

    def _has_query_parameters(self) -> bool:
        return any(p.get("in") == "query" for p in getattr(self, "_parameters", []))
