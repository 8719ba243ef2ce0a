"""Task pages. Thin: read through the selectors (which apply the restriction), write through
the services, and put a service's ValidationError back on the form it came from.

One module per page group; urls.py reads every view from this package.
"""

from .calendar_page import (
    calendar,
)
from .detail import (
    accept,
    cancel,
    decide_extension,
    report_progress,
    request_extension,
    task_detail,
)
from .editing import (
    task_create,
    task_edit,
)
from .lists import (
    awaiting,
    board,
    bulk_assign,
    my_tasks,
)
from .notification_pages import (
    notification_read,
    notifications,
    notifications_read_all,
)

__all__ = [
    "accept",
    "awaiting",
    "board",
    "bulk_assign",
    "calendar",
    "cancel",
    "decide_extension",
    "my_tasks",
    "notification_read",
    "notifications",
    "notifications_read_all",
    "report_progress",
    "request_extension",
    "task_create",
    "task_detail",
    "task_edit",
]
