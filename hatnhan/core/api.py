"""What every app's api.py builds on: restricted reads, service writes, Vietnamese errors.

A viewset here never reads a model's manager directly: :class:`RestrictedViewSetMixin`
passes its queryset through :func:`hatnhan.core.restrict.restrict`, so an object outside
the user's reach answers 404 on every route, and a serializer's related-object fields accept
only objects the user can see. Writes go through the owning app's service (the serializer's
``create``/``update`` call it with ``actor=request.user``); the service's ValidationError
becomes 400 and its PermissionDenied 403 (the project's handler, hatnhan/api/exceptions.py).
It lives in the foundation so that every app's api.py may build on it; the `api` app itself
only routes (an edge).
"""

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import fields, relations, serializers, viewsets
from rest_framework.request import Request

from hatnhan.core.restrict import VIEW, restrict

# DRF's own Vietnamese catalogue is incomplete; these are the messages an API client sees.
_MESSAGES: dict[str, Any] = {
    "required": _("Trường này là bắt buộc."),
    "null": _("Trường này không được để trống."),
    "blank": _("Trường này không được để trống."),
    "max_length": _("Tối đa {max_length} ký tự."),
    "min_length": _("Tối thiểu {min_length} ký tự."),
    "max_value": _("Giá trị phải nhỏ hơn hoặc bằng {max_value}."),
    "min_value": _("Giá trị phải lớn hơn hoặc bằng {min_value}."),
    "max_string_length": _("Giá trị quá dài."),
    "invalid_choice": _("“{input}” không phải là một lựa chọn hợp lệ."),
    "does_not_exist": _("Không tìm thấy đối tượng có mã “{pk_value}” trong phạm vi của đồng chí."),
    "incorrect_type": _("Cần mã số (id) của đối tượng, nhận được {data_type}."),
    "datetime": _("Cần một ngày, không phải ngày giờ."),
    "date": _("Cần ngày giờ, không phải chỉ ngày."),
}
_INVALID: list[tuple[type[fields.Field], Any]] = [
    (fields.EmailField, _("Địa chỉ thư điện tử không hợp lệ.")),
    (fields.CharField, _("Cần một chuỗi ký tự.")),
    (fields.IntegerField, _("Cần một số nguyên.")),
    (fields.BooleanField, _("Cần giá trị đúng/sai (true hoặc false).")),
    (fields.DateTimeField, _("Ngày giờ sai định dạng; dùng ISO 8601, ví dụ 2026-03-05T08:00:00.")),
    (fields.DateField, _("Ngày sai định dạng; dùng YYYY-MM-DD, ví dụ 2026-03-05.")),
    (fields.JSONField, _("Giá trị phải là JSON hợp lệ.")),
]


# The model-built fields of each serializer class (RestrictedModelSerializer.get_fields).
_BUILT: dict[type, dict[str, fields.Field]] = {}


def _vietnamese(field: fields.Field) -> None:
    for key, message in _MESSAGES.items():
        if key in field.error_messages:
            field.error_messages[key] = message
    for kind, message in _INVALID:
        if isinstance(field, kind) and "invalid" in field.error_messages:
            field.error_messages["invalid"] = message
            break


class RestrictedModelSerializer(serializers.ModelSerializer):
    """A model serializer whose related fields see only what the request's user may VIEW,
    and whose field errors speak Vietnamese."""

    @property
    def actor(self) -> Any:
        """The user a write is done as. Never None: to a service, None is the operator's
        command line, which may do anything."""
        request = self.context.get("request")
        if request is None:
            raise RuntimeError("API serializers write as the request's user: pass the request.")
        return request.user

    def get_fields(self) -> dict[str, fields.Field]:
        # The fields a class builds from its model are the same on every request: built once,
        # copied per serializer (as DRF copies the declared ones). A copy is a new field made
        # from its arguments, so what is set below per request (messages, reach) is set again.
        built = _BUILT.get(type(self))
        if built is None:
            built = _BUILT.setdefault(type(self), super().get_fields())
        found = copy.deepcopy(built)
        for field in found.values():
            target = getattr(field, "child_relation", field)
            _vietnamese(target)
            if isinstance(target, relations.PrimaryKeyRelatedField) and target.queryset is not None:
                model = target.queryset.model
                if getattr(model, "restriction_path", None):
                    # An id outside the user's reach reads as "does not exist", never as a hint.
                    user = getattr(self.context.get("request"), "user", None)
                    target.queryset = restrict(target.queryset, user, VIEW)
        return found

    @staticmethod
    def unchangeable(
        instance: models.Model, validated: dict[str, Any], field: str, message: str
    ) -> None:
        """Refuse (400) a PATCH that tries to change a field only another operation changes."""
        if field in validated and validated.pop(field) != getattr(instance, field):
            raise ValidationError({field: [message]})


class RestrictedViewSetMixin:
    """Reads through restrict(VIEW); a created or updated object is read back the same way
    so the response carries the list's annotations."""

    request: Request
    action: str | None

    def get_queryset(self) -> models.QuerySet[Any]:
        return restrict(super().get_queryset(), self.request.user, VIEW)  # type: ignore[misc]

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.save()
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        serializer.save()
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)


class RestrictedModelViewSet(
    RestrictedViewSetMixin,
    viewsets.mixins.CreateModelMixin,
    viewsets.mixins.RetrieveModelMixin,
    viewsets.mixins.UpdateModelMixin,
    viewsets.mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and PATCH. No PUT (partial edits only) and no DELETE: nothing is lost."""

    http_method_names = ["get", "post", "patch", "head", "options"]


class RestrictedReadOnlyViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
