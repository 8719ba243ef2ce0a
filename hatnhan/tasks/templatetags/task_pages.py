"""Template helpers of the task pages: the nav's unread count, due-date wording."""

import datetime as dt
from typing import Any

from django import template
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
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


# --- One board/list row ---------------------------------------------------------------------
# The board renders 50 of these per page: as a template (an include per row and per badge,
# ~40 template nodes each) they were half of the page's CPU. Built here in one pass, the HTML
# byte for byte what the templates printed; tasks/_task_rows.html and tasks/_badges.html now
# call these tags, so there is one way to draw a row and its badges.
_OPEN = ("assigned", "in_progress")


def _d(value: Any) -> str:
    return dateformat.format(timezone.template_localtime(value), "d/m/Y") if value else ""


def _badges(task: Any, today: dt.date | None, with_date: bool = False) -> str:
    """State, the owner's lateness or the acceptor's delay, priority; `with_date` also prints
    the due date (cards). The one place badges are built: tasks/_badges.html calls it too."""
    if task.status == "awaiting_acceptance":
        parts = [
            format_html(
                '<span class="badge st-awaiting_acceptance" title="{} {}">{}</span>',
                _("Báo cáo hoàn thành"),
                _d(task.submitted_at),
                awaiting_text(task, today),
            )
        ]
        if task.submitted_late:
            parts.append(format_html('<span class="badge overdue">{}</span>', late_text(task)))
        if with_date:
            parts.append(
                format_html('<span class="badge nowrap">{} {}</span>', _("Hạn"), _d(task.due_date))
            )
        parts.append("\n\n")
    else:
        parts = [
            format_html(
                '<span class="badge st-{}">{}</span>\n', task.status, task.get_status_display()
            )
        ]
    if task.status in _OPEN:
        left = days_left(task.due_date, today)
        if with_date or left <= 7:
            tone = " overdue" if left < 0 else " due-soon" if left <= 3 else ""
            if with_date and left >= 0:
                text = format_html("{} {}", _("Hạn"), _d(task.due_date))
                if left <= 7:
                    text = format_html("{} · {}", text, due_text(task.due_date, today).lower())
            else:
                text = due_text(task.due_date, today)
            parts.append(
                format_html(
                    '<span class="badge nowrap{}" title="{} {}">{}</span>',
                    tone,
                    _("Hạn hoàn thành"),
                    _d(task.due_date),
                    text,
                )
            )
    parts.append("\n")
    if task.priority in ("high", "urgent"):
        parts.append(
            format_html(
                '<span class="badge prio-{}">{}</span>', task.priority, task.get_priority_display()
            )
        )
    parts.append("\n")
    return "".join(parts)


@register.simple_tag(takes_context=True)
def task_badges(context: Any, task: Any, with_date: Any = False) -> str:
    return mark_safe(_badges(task, context.get("today"), bool(with_date)))  # format_html parts


@register.simple_tag(takes_context=True)
def task_row(context: Any, task: Any, selectable: Any = None, hide_focus: Any = False) -> str:
    """One row of the task tables (board, directive, focus issue); `selectable` adds the
    bulk-assign checkbox, `hide_focus` drops the focus-issue column."""
    today = context.get("today")
    out = [format_html('\n<tr class="{}">\n  ', "is-overdue" if task.is_overdue else "")]
    if selectable:
        box = ""
        if task.status in _OPEN:
            label = _("Chọn: %(t)s") % {"t": conditional_escape(task.title)}
            box = format_html(
                '<input type="checkbox" name="tasks" value="{}" form="bulk" aria-label="{}">',
                task.pk,
                mark_safe(label),  # the title in it is escaped above
            )
        out.append(format_html('<td class="pick">{}</td>', box))
    children = ""
    count = getattr(task, "child_count", None)
    if count:
        children = format_html(
            ' <span class="muted small">({})</span>',
            ngettext("%(n)s việc con", "%(n)s việc con", count) % {"n": count},
        )
    out.append(
        format_html(
            '\n  <td class="title"><a href="{}">{}</a>{}\n    <div class="muted small">{}',
            reverse("tasks:detail", args=[task.pk]),
            task.title,
            children,
            task.organization.code,
        )
    )
    if task.parent_id:
        out.append(
            format_html(
                ' · {} <a href="{}">{}</a>',
                _("thuộc"),
                reverse("tasks:detail", args=[task.parent_id]),
                Truncator(task.parent.title).words(8, truncate=" …"),
            )
        )
    coworkers = task.coworkers.all()
    helpers = ""
    if coworkers:
        helpers = format_html(
            '<div class="muted small">+ {}</div>', ", ".join(m.full_name for m in coworkers)
        )
    extended = ""
    if task.was_extended:
        extended = format_html(
            '<div class="muted small" title="{}">({})</div>',
            _("Hạn ban đầu"),
            _d(task.original_due_date),
        )
    outcome = ""
    if task.outcome:
        outcome = format_html('<div class="small">{}</div>', task.get_outcome_display())
    out.append(
        format_html(
            '</div></td>\n  <td data-label="{}">{}{}</td>\n'
            '  <td data-label="{}" class="nowrap">{}{}</td>\n'
            '  <td data-label="{}">{}</td>\n'
            '  <td data-label="{}" class="pct"><progress class="bar" max="100" value="{}">{}%'
            '</progress> <span class="small">{}%</span>{}</td>\n  ',
            _("Người chịu trách nhiệm"),
            task.owner.full_name,
            helpers,
            _("Hạn"),
            _d(task.due_date),
            extended,
            _("Trạng thái"),
            mark_safe(_badges(task, today)),  # built with format_html
            _("Tiến độ"),
            task.percent,
            task.percent,
            task.percent,
            outcome,
        )
    )
    if not hide_focus:
        focus = ""
        if task.focus_issue_id:
            focus = format_html(
                '<a href="{}">{}</a>',
                reverse("directives:focus-issue", args=[task.focus_issue_id]),
                Truncator(task.focus_issue.title).words(10, truncate=" …"),
            )
        out.append(
            format_html('<td data-label="{}" class="small">{}</td>', _("Vấn đề trọng tâm"), focus)
        )
    out.append("\n</tr>")
    return mark_safe("".join(out))  # every piece built with format_html
