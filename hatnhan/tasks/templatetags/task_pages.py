"""Template helpers of the task pages: the nav's unread count, due-date wording."""

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import add_truncation_text
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hatnhan.core.escaping import escape_value as _e
from hatnhan.core.escaping import format_safe as _fmt
from hatnhan.core.labels import choice_label, translated
from hatnhan.core.paths import pk_path

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
# A row's fixed wording and its choices' names translated once per language (not ten gettext
# calls a row, hatnhan.core.labels); a link's URL from a reversed template (hatnhan.core.paths:
# a reverse() is ~100 calls).
_WORDS = {
    "pick": gettext_lazy("Chọn: %(t)s"),
    "under": gettext_lazy("thuộc"),
    "original_due": gettext_lazy("Hạn ban đầu"),
    "owner": gettext_lazy("Người chịu trách nhiệm"),
    "due": gettext_lazy("Hạn"),
    "status": gettext_lazy("Trạng thái"),
    "progress": gettext_lazy("Tiến độ"),
    "focus": gettext_lazy("Vấn đề trọng tâm"),
    "reported": gettext_lazy("Báo cáo hoàn thành"),
    "due_by": gettext_lazy("Hạn hoàn thành"),
}


def _truncate_words(text: Any, length: int) -> str:
    """Truncator(text).words(length, truncate=" …") without the lazy object."""
    words = str(text).split()
    if len(words) > length:
        return add_truncation_text(" ".join(words[:length]), " …")
    return " ".join(words)


def _d(value: Any) -> str:
    """dateformat's "d/m/Y" of a date, or of a datetime in the current time zone."""
    if not value:
        return ""
    value = timezone.template_localtime(value)
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _badges(task: Any, today: dt.date | None, with_date: bool = False) -> str:
    """State, the owner's lateness or the acceptor's delay, priority; `with_date` also prints
    the due date (cards). The one place badges are built: tasks/_badges.html calls it too."""
    words = translated(_WORDS)
    if task.status == "awaiting_acceptance":
        parts = [
            _fmt(
                '<span class="badge st-awaiting_acceptance" title="{} {}">{}</span>',
                words["reported"],
                _d(task.submitted_at),
                awaiting_text(task, today),
            )
        ]
        if task.submitted_late:
            parts.append(_fmt('<span class="badge overdue">{}</span>', late_text(task)))
        if with_date:
            parts.append(
                _fmt('<span class="badge nowrap">{} {}</span>', words["due"], _d(task.due_date))
            )
        parts.append("\n\n")
    else:
        parts = [
            _fmt('<span class="badge st-{}">{}</span>\n', task.status, choice_label(task, "status"))
        ]
    if task.status in _OPEN:
        left = days_left(task.due_date, today)
        if with_date or left <= 7:
            tone = " overdue" if left < 0 else " due-soon" if left <= 3 else ""
            if with_date and left >= 0:
                text = _fmt("{} {}", words["due"], _d(task.due_date))
                if left <= 7:
                    text = _fmt("{} · {}", text, due_text(task.due_date, today).lower())
            else:
                text = due_text(task.due_date, today)
            parts.append(
                _fmt(
                    '<span class="badge nowrap{}" title="{} {}">{}</span>',
                    tone,
                    words["due_by"],
                    _d(task.due_date),
                    text,
                )
            )
    parts.append("\n")
    if task.priority in ("high", "urgent"):
        parts.append(
            _fmt(
                '<span class="badge prio-{}">{}</span>',
                task.priority,
                choice_label(task, "priority"),
            )
        )
    parts.append("\n")
    return "".join(parts)


@register.simple_tag(takes_context=True)
def task_badges(context: Any, task: Any, with_date: Any = False) -> str:
    return mark_safe(_badges(task, context.get("today"), bool(with_date)))  # built with _fmt


@register.simple_tag(takes_context=True)
def task_row(context: Any, task: Any, selectable: Any = None, hide_focus: Any = False) -> str:
    """One row of the task tables (board, directive, focus issue); `selectable` adds the
    bulk-assign checkbox, `hide_focus` drops the focus-issue column."""
    today = context.get("today")
    words = translated(_WORDS)
    # The page's own day when it gives one (the board's), as its badges count from it.
    overdue = task.overdue_on(today) if today is not None else task.is_overdue
    out = [_fmt('\n<tr class="{}">\n  ', "is-overdue" if overdue else "")]
    if selectable:
        box = ""
        if task.status in _OPEN:
            label = words["pick"] % {"t": _e(task.title)}
            box = _fmt(
                '<input type="checkbox" name="tasks" value="{}" form="bulk" aria-label="{}">',
                task.pk,
                SafeString(label),  # the title in it is escaped above
            )
        out.append(_fmt('<td class="pick">{}</td>', box))
    children = ""
    count = getattr(task, "child_count", None)
    if count:
        children = _fmt(
            ' <span class="muted small">({})</span>',
            ngettext("%(n)s việc con", "%(n)s việc con", count) % {"n": count},
        )
    out.append(
        _fmt(
            '\n  <td class="title"><a href="{}">{}</a>{}\n    <div class="muted small">{}',
            pk_path("tasks:detail", task.pk),
            task.title,
            children,
            task.organization.code,
        )
    )
    if task.parent_id:
        out.append(
            _fmt(
                ' · {} <a href="{}">{}</a>',
                words["under"],
                pk_path("tasks:detail", task.parent_id),
                _truncate_words(task.parent.title, 8),
            )
        )
    coworkers = task.coworkers.all()
    helpers = ""
    if coworkers:
        helpers = _fmt(
            '<div class="muted small">+ {}</div>', ", ".join(m.full_name for m in coworkers)
        )
    extended = ""
    if task.was_extended:
        extended = _fmt(
            '<div class="muted small" title="{}">({})</div>',
            words["original_due"],
            _d(task.original_due_date),
        )
    outcome = ""
    if task.outcome:
        outcome = _fmt('<div class="small">{}</div>', choice_label(task, "outcome"))
    out.append(
        _fmt(
            '</div></td>\n  <td data-label="{}">{}{}</td>\n'
            '  <td data-label="{}" class="nowrap">{}{}</td>\n'
            '  <td data-label="{}">{}</td>\n'
            '  <td data-label="{}" class="pct"><progress class="bar" max="100" value="{}">{}%'
            '</progress> <span class="small">{}%</span>{}</td>\n  ',
            words["owner"],
            task.owner.full_name,
            helpers,
            words["due"],
            _d(task.due_date),
            extended,
            words["status"],
            SafeString(_badges(task, today)),  # built with _fmt
            words["progress"],
            task.percent,
            task.percent,
            task.percent,
            outcome,
        )
    )
    if not hide_focus:
        focus = ""
        if task.focus_issue_id:
            focus = _fmt(
                '<a href="{}">{}</a>',
                pk_path("directives:focus-issue", task.focus_issue_id),
                _truncate_words(task.focus_issue.title, 10),
            )
        out.append(_fmt('<td data-label="{}" class="small">{}</td>', words["focus"], focus))
    out.append("\n</tr>")
    return mark_safe("".join(out))  # every piece built with _fmt
