"""A parent task's percent rolled up from its sub-tasks."""

from typing import Any

from hatnhan.audit.services import snapshot

from ..models import (
    Task,
    TaskStatus,
)
from .common import _audited, _for_update


# --- sub-tasks and recurrence ---------------------------------------------------------------
def rolled_up_percent(task: Task) -> int | None:
    """Mean progress of the task's sub-tasks (done counts 100, cancelled left out), or None
    without sub-tasks."""
    values = [
        100 if status == TaskStatus.DONE else percent
        for status, percent in task.children.exclude(status=TaskStatus.CANCELLED).values_list(
            "status", "percent"
        )
    ]
    if not values:
        return None
    return round(sum(values) / len(values))


def _roll_up(actor: Any, task_id: int | None) -> None:
    """Recompute a parent's percent from its sub-tasks, and so on up the chain, audited.
    The caller holds the chain's locks (`_locked` takes a task's ancestors with it), so no
    sub-task changes while its siblings are read."""
    while task_id:
        task = _for_update().get(pk=task_id)
        value = rolled_up_percent(task)
        if value is None or value == task.percent:
            return
        before = snapshot(task)
        task.percent = value
        _audited(actor, task, task, "task.rollup", before=before)
        task_id = task.parent_id
