"""The one place the evaluation reads its settings (the unconfirmed facts of REGULATIONS.md §1,
hatnhan/settings.py). A rule's parameter may name a setting instead of a value
(``{"setting": "EVALUATION_QD366_EXCELLENT_QUOTA"}``): a rulebook added as data then reads
the same settings without a change to the engine."""

from typing import Any

from django.conf import settings


def task_points() -> int:
    return int(settings.EVALUATION_TASK_POINTS)


def outcome_weights() -> dict[str, float]:
    return dict(settings.EVALUATION_OUTCOME_WEIGHTS)


def late_factor() -> float:
    return float(settings.EVALUATION_LATE_FACTOR)


def no_task_points() -> float | None:
    """Points of the task part for a member with no task due: None leaves it to the committee."""
    value = str(settings.EVALUATION_NO_TASK_POINTS).strip()
    if value in {"", "committee"}:
        return None
    return float(value)


def background_members() -> int:
    return int(settings.EVALUATION_BACKGROUND_MEMBERS)


def resolve(value: Any) -> Any:
    """A rule parameter's value: itself, or the setting it names."""
    if isinstance(value, dict) and set(value) == {"setting"}:
        return getattr(settings, value["setting"])
    return value
