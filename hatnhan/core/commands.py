"""What the operator's management commands share: Vietnamese refusals, nothing half-written."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError


def service_error(exc: ValidationError | PermissionDenied) -> CommandError:
    """A service's refusal as a CommandError (non-zero exit), one line per field."""
    if isinstance(exc, PermissionDenied):
        return CommandError(str(exc) or "Không có quyền thực hiện thao tác này.")
    if hasattr(exc, "error_dict"):
        lines = [
            f"{field}: {message}" if field != "__all__" else message
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        lines = list(exc.messages)
    return CommandError("Không thực hiện được:\n  " + "\n  ".join(lines))


def required(options: dict[str, Any], name: str, flag: str, what: str) -> Any:
    """argparse would refuse in English; the operator reads Vietnamese."""
    value = options.get(name)
    if value in (None, ""):
        raise CommandError(f"Thiếu {flag}: {what}.")
    return value
