"""What every service shares: permission refusal and the audited save of one object."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.utils.text import capfirst

from hatnhan.audit.services import EventSpec, diff, record_event, record_events, snapshot
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


def validate_rows(
    objs: Sequence[models.Model],
    *,
    label: str,
    check: Callable[[Any], None] | None = None,
    exclude: list[str] | None = None,
) -> None:
    """A bulk load's validation: each row through `check` (the app's own rules, as its
    single-row service applies them) and the model's, the first failure naming its row
    ("Nhiệm vụ 12: …"). Uniqueness is left to the database: one query per row would make
    the load as slow as saving row by row, and a clash still rolls the whole load back.
    Relations are the caller's to check (it holds them as objects): the model's check of a
    foreign key is a query per row and field."""
    if not objs:
        return
    relations = [f.name for f in objs[0]._meta.concrete_fields if f.is_relation]
    exclude = relations + list(exclude or ())
    for number, obj in enumerate(objs, start=1):
        try:
            if check is not None:
                check(obj)
            obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise row_error(f"{label} {number}", error, model=type(obj)) from error


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def row_error(label: str, error: ValidationError, *, model: type[models.Model]) -> ValidationError:
    """A bulk load's refusal of one row: its field errors under the row's label, each field
    named as its form names it ("Dòng 2: Ngày vào Đảng (dự bị): …"), not by its column."""
    messages = [
        f"{_field_label(model, field)}: {message}" if field != "__all__" else message
        for field, items in error.message_dict.items()
        for message in items
    ]
    return ValidationError({label: messages})


def audit_rows(
    *,
    actor: Any,
    objs: Iterable[models.Model],
    action: str,
    organization_path: Callable[[Any], str],
) -> None:
    """One creation event per saved row (its snapshot), all chained in one pass."""
    record_events(
        actor=actor,
        events=[
            EventSpec(
                action=action,
                obj=obj,
                organization_path=organization_path(obj),
                after=snapshot(obj),
            )
            for obj in objs
        ],
    )


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
