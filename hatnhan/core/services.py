"""What every service shares: permission refusal and the audited save of one object."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from hatnhan.audit.services import diff, record_event, snapshot
from hatnhan.core.restrict import can


def require(actor: Any, action: str, obj: models.Model) -> None:
    """Refuse unless `actor` may do `action` on `obj`. `actor=None` is the operator's CLI."""
    if actor is not None and not can(actor, action, obj):
        raise PermissionDenied("Đồng chí không có quyền thực hiện thao tác này.")


def validate(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """Model validation, its messages already Vietnamese, keyed by field."""
    obj.full_clean(exclude=exclude, validate_constraints=True)


def save_audited(
    *,
    actor: Any,
    obj: models.Model,
    action: str,
    before: dict[str, Any] | None,
    organization_path: str,
    fields: list[str] | None = None,
) -> bool:
    """Validate and save `obj`, then record the event; False (and nothing written) if
    nothing changed, so re-running an import or re-submitting a form adds no noise."""
    validate(obj)
    after = snapshot(obj, fields)
    if before is not None and not diff(before, after):
        return False
    obj.save()
    after = snapshot(obj, fields)
    record_event(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        organization_path=organization_path,
    )
    return True


def field_error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def refuse_unknown(values: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Refuse keywords a service does not take: `create_member(fulname=…)` would otherwise
    drop the name silently and save a record without it."""
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise ValidationError(
            {
                name: [f"Không có trường “{name}” (hoặc trường này không sửa được ở đây)."]
                for name in unknown
            }
        )
