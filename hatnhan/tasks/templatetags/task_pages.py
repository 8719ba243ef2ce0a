"""Template helpers of the task pages: the nav's unread count, due-date wording."""

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import selectors

register = template.Library()

# What each audit action of tasks means, for the history on their pages.
ACTION_LABELS: dict[str, Any] = {
    "task.create": gettext_lazy("Giao nhiệm vụ"),
    "task.update": gettext_lazy("Sửa nhiệm vụ"),
    "task.coworker_add": gettext_lazy("Thêm người phối hợp"),
    "task.coworker_remove": gettext_lazy("Bỏ người phối hợp"),
    "task.start": gettext_lazy("Bắt đầu thực hiện"),
    "task.progress": gettext_lazy("Báo cáo tiến độ"),
    "task.progress_state": gettext_lazy("Cập nhật tiến độ"),
    "task.evidence": gettext_lazy("Thêm minh chứng"),
    "task.submit": gettext_lazy("Báo cáo hoàn thành"),
    "task.acceptance": gettext_lazy("Quyết định nghiệm thu"),
    "task.accept": gettext_lazy("Nghiệm thu"),
    "task.return": gettext_lazy("Trả lại, yêu cầu làm tiếp"),
    "task.cancel": gettext_lazy("Hủy nhiệm vụ"),
    "task.extension_request": gettext_lazy("Xin gia hạn"),
    "task.extension_decide": gettext_lazy("Quyết định gia hạn"),
    "task.extend": gettext_lazy("Gia hạn"),
    "task.recur": gettext_lazy("Tạo kỳ mới của nhiệm vụ định kỳ"),
    "task.rollup": gettext_lazy("Tổng hợp tiến độ từ nhiệm vụ con"),
}


@register.filter
def task_action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


@register.simple_tag
def unread_notifications(user: Any) -> int:
    """Unread in-app notifications of the signed-in user (one COUNT query)."""
    return selectors.unread_count(user)


@register.filter
def due_text(due: dt.date, today: dt.date | None = None) -> str:
    """'Quá hạn 3 ngày', 'Hôm nay', 'Còn 2 ngày' — the due date read at a glance."""
    today = today or timezone.localdate()
    days = (due - today).days
    if days < 0:
        return ngettext("Quá hạn %(n)d ngày", "Quá hạn %(n)d ngày", -days) % {"n": -days}
    if days == 0:
        return _("Hạn hôm nay")
    if days == 1:
        return _("Hạn ngày mai")
    return ngettext("Còn %(n)d ngày", "Còn %(n)d ngày", days) % {"n": days}


@register.filter
def awaiting_text(task: Any, today: dt.date | None = None) -> str:
    """'Chờ nghiệm thu 3 ngày': how long reported work has waited for the acceptor (the
    acceptor's delay, not the owner's lateness)."""
    days = task.awaiting_days_on(today or timezone.localdate())
    if not days:
        return _("Chờ nghiệm thu, báo cáo hôm nay")
    return ngettext("Chờ nghiệm thu %(n)d ngày", "Chờ nghiệm thu %(n)d ngày", days) % {"n": days}


@register.filter
def late_text(task: Any) -> str:
    """'Báo cáo muộn 2 ngày': the owner reported done after the due date in force."""
    days = task.late_days
    return ngettext("Báo cáo muộn %(n)d ngày", "Báo cáo muộn %(n)d ngày", days) % {"n": days}


@register.filter
def filed_by(update: Any) -> str:
    """Who a report is by, "…, thay mặt …" when filed on someone's behalf."""
    return selectors.filed_by(update) if update is not None else ""


@register.filter
def last_report(task: Any) -> Any:
    """The report that put the task in "awaiting acceptance" (prefetched by the lists)."""
    return selectors.last_submission(task)


@register.filter
def days_left(due: dt.date, today: dt.date | None = None) -> int:
    """Days from today to the due date (negative when past)."""
    return (due - (today or timezone.localdate())).days
