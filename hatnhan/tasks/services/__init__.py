"""Every write on tasks: assignment, progress with evidence, acceptance, extension,
cancellation, recurrence. Checked, atomic, audited; bad input raises ValidationError keyed
by field and changes nothing; a refusal raises PermissionDenied.

Who may do what (the roles themselves are in hatnhan.core.restrict):
- assign, edit: CHANGE on the organization (secretary, committee, bloc staff/admin);
- report progress, submit for acceptance, ask for an extension: REPORT on the task (its owner
  and co-workers, or those who lead the organization recording on their behalf);
- accept, return, decide an extension, cancel: the assigner (who can still see the task) or
  whoever has CHANGE on it — never the task's owner or co-workers;
- accept or return: never whoever filed the report that put the task in "awaiting
  acceptance" either (four eyes), whatever their role — a secretary who records a member's
  completion on the member's behalf leaves the decision to someone else.

Lock order — one for every write here, so that no two of them can deadlock on PostgreSQL:
1. tasks, in ascending id: a write locks the task's ancestors and then the task (`_locked`;
   a parent is always older than its sub-tasks, so this is also top-down), then any
   sub-tasks it writes;
2. then the extension requests of a task it holds;
3. last the audit chain, which the first recorded event takes and keeps until commit.
Because every write to a task first locks its ancestors, holding a task's lock holds off
every write in its subtree: the roll-up reads a parent's sub-tasks under the parent's lock
(no lost update when two sub-tasks report at once), a cancellation walks its open subtree
undisturbed, and the next occurrence of a recurring task is made under the previous one's.

One module per concern (common, assignment, progress and acceptance, cancellation and
extensions, sub-tasks, recurrence, notifications); these rules hold for all of them, so they
are written here once. Other code imports from this package, never from a module in it.
"""

from .assignment import (
    bulk_reassign,
    create_task,
    update_task,
)
from .cancellation import (
    cancel_task,
    decide_extension,
    request_extension,
)
from .common import (
    MAX_FILES_PER_REPORT,
    REFUSED,
    TASK_FIELDS,
    can_decide,
    can_report,
    filed_submission,
    is_worker,
)
from .notifications import (
    mark_notifications_read,
)
from .progress import (
    accept_task,
    report_progress,
    return_task,
    start_task,
    submit_task,
)
from .recurrence import (
    RECURRENCE_MONTHS,
    add_months,
    create_due_occurrences,
    create_next_occurrence,
    next_period,
)
from .subtasks import (
    rolled_up_percent,
)

__all__ = [
    "MAX_FILES_PER_REPORT",
    "RECURRENCE_MONTHS",
    "REFUSED",
    "TASK_FIELDS",
    "accept_task",
    "add_months",
    "bulk_reassign",
    "can_decide",
    "can_report",
    "cancel_task",
    "create_due_occurrences",
    "create_next_occurrence",
    "create_task",
    "decide_extension",
    "filed_submission",
    "is_worker",
    "mark_notifications_read",
    "next_period",
    "report_progress",
    "request_extension",
    "return_task",
    "rolled_up_percent",
    "start_task",
    "submit_task",
    "update_task",
]
