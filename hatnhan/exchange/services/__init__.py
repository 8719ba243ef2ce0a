"""Importing member lists, in three steps that are modules here:

- :mod:`.planning` — read the sheet, match and validate every row; writes nothing;
- :mod:`.applying` — carry out a plan, all or nothing, every change audited;
- :mod:`.batches` — the web flow's import batch: upload, preview, confirm, apply, cancel.

The names other code uses are importable from here, as before the split.
"""

from .applying import ImportResult, apply_import, import_members
from .batches import (
    apply_batch,
    cancel_batch,
    confirm_batch,
    create_batch,
    fail_batch,
    plan_batch,
    runs_in_background,
    start_applying,
    start_planning,
)
from .planning import ImportPlan, PlannedRow, Progress, plan_import

__all__ = [
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "Progress",
    "apply_batch",
    "apply_import",
    "cancel_batch",
    "confirm_batch",
    "create_batch",
    "fail_batch",
    "import_members",
    "plan_batch",
    "plan_import",
    "runs_in_background",
    "start_applying",
    "start_planning",
]
