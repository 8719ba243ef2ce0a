"""Tasks: specific, owned by one person, checkable, visible.

A task moves assigned → in_progress → awaiting_acceptance → done, or to cancelled (with a
reason); nothing is deleted. Its due date changes only by a granted extension, and the
original due date stays on the task. Acceptance is by the assigner or the organization's
committee, never by the owner."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.core.uploads import upload_to
from hatnhan.directives.models import Directive, FocusIssue
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Đã giao")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", _("Chờ nghiệm thu")
    # "Accepted", not "completed": an accepted task may still be judged "Không đạt", and the
    # state must never read as the opposite of its outcome.
    DONE = "done", _("Đã nghiệm thu")
    CANCELLED = "cancelled", _("Đã hủy")


OPEN_STATUSES = (TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS, TaskStatus.AWAITING_ACCEPTANCE)
CLOSED_STATUSES = (TaskStatus.DONE, TaskStatus.CANCELLED)


class Priority(models.TextChoices):
    LOW = "low", _("Thấp")
    NORMAL = "normal", _("Bình thường")
    HIGH = "high", _("Cao")
    URGENT = "urgent", _("Khẩn")


class Outcome(models.TextChoices):
    EXCEEDED = "exceeded", _("Vượt yêu cầu")
    MET = "met", _("Đạt yêu cầu")
    PARTLY_MET = "partly_met", _("Đạt một phần")
    NOT_MET = "not_met", _("Không đạt")


class Recurrence(models.TextChoices):
    NONE = "", _("Không lặp lại")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")


class SourceKind(models.TextChoices):
    NONE = "", _("Không ghi nguồn")
    FOCUS_ISSUE = "focus_issue", _("Vấn đề trọng tâm")
    DIRECTIVE = "directive", _("Văn bản chỉ đạo")
    # Later capabilities point here through source_ref ("<app_label>.<model>:<pk>").
    INSPECTION_FINDING = "inspection_finding", _("Kết luận kiểm tra, giám sát")
    CITIZEN_FEEDBACK = "citizen_feedback", _("Phản ánh, kiến nghị")
    MEETING = "meeting", _("Nghị quyết, kết luận cuộc họp")
    BRIEFING = "briefing", _("Kết luận về báo cáo của người đứng đầu")
    OTHER = "other", _("Khác")


def user_field(label: Any, related_name: str = "+") -> models.ForeignKey:
    """The user who did it; empty when the operator's command line did. The record apps
    above tasks use it for their own "who did it" fields."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


# Work still in the owner's hands (reported done, it waits on the acceptor instead).
WORKING_STATUSES = (TaskStatus.ASSIGNED, TaskStatus.IN_PROGRESS)


def submitted_late_q() -> Q:
    """Reported done after the due date in force (the local day of the report counts)."""
    return Q(submitted_at__isnull=False, submitted_at__localdate__gt=models.F("due_date"))


def overdue_q(today: dt.date) -> Q:
    """The owner is late: an open task not reported done by its due date in force (after
    extensions), or reported done after it. Work reported on time and waiting for the
    acceptor is not overdue: that delay is the acceptor's (see awaiting_acceptance_days).
    Every page, filter, count, reminder and export reads lateness through this."""
    return Q(status__in=WORKING_STATUSES, due_date__lt=today) | (
        Q(status=TaskStatus.AWAITING_ACCEPTANCE) & submitted_late_q()
    )


class TaskQuerySet(RestrictedQuerySet):
    def open(self) -> "TaskQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date | None = None) -> "TaskQuerySet":
        """The owner is late (:func:`overdue_q`)."""
        return self.filter(overdue_q(today or timezone.localdate()))

    def for_member(self, member_id: int) -> "TaskQuerySet":
        """Tasks the member owns or works on, without repeating rows."""
        return self.filter(
            Q(owner_id=member_id)
            | Q(pk__in=TaskCoworker.objects.filter(member_id=member_id).values("task_id"))
        )


class Task(models.Model):
    # No index of its own: task_org_due (organization, due date) leads with it, serves the
    # joins and the protection check as well, and the calendar's date range besides.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="tasks",
        db_index=False,
    )
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    description = models.TextField(_("nội dung"), blank=True)
    expected_result = models.TextField(
        _("kết quả cần đạt"), help_text=_("Thế nào là hoàn thành: cụ thể, đo được.")
    )
    owner = models.ForeignKey(
        Member,
        verbose_name=_("người chịu trách nhiệm"),
        on_delete=models.PROTECT,
        related_name="owned_tasks",
    )
    coworkers = models.ManyToManyField(
        Member,
        verbose_name=_("người phối hợp"),
        through="TaskCoworker",
        blank=True,
        related_name="coworked_tasks",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_tasks",
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    due_date = models.DateField(_("hạn hoàn thành"))
    original_due_date = models.DateField(_("hạn ban đầu"), editable=False)
    priority = models.CharField(
        _("mức ưu tiên"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=TaskStatus.choices,
        default=TaskStatus.ASSIGNED,
        db_index=True,
    )
    percent = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    source_kind = models.CharField(
        _("nguồn"), max_length=24, choices=SourceKind.choices, blank=True, default=""
    )
    focus_issue = models.ForeignKey(
        FocusIssue,
        verbose_name=_("vấn đề trọng tâm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    directive = models.ForeignKey(
        Directive,
        verbose_name=_("văn bản chỉ đạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    source_ref = models.CharField(_("tham chiếu nguồn"), max_length=64, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("nhiệm vụ cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    recurrence = models.CharField(
        _("lặp lại"), max_length=10, choices=Recurrence.choices, blank=True, default=""
    )
    previous_occurrence = models.OneToOneField(
        "self",
        verbose_name=_("lần lặp trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_occurrence",
        editable=False,
    )
    submitted_at = models.DateTimeField(_("ngày báo cáo hoàn thành"), null=True, blank=True)
    outcome = models.CharField(
        _("kết quả nghiệm thu"), max_length=12, choices=Outcome.choices, blank=True, default=""
    )
    accepted_at = models.DateTimeField(_("ngày nghiệm thu"), null=True, blank=True)
    accepted_by = user_field(_("người nghiệm thu"))
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)
    cancelled_at = models.DateTimeField(_("ngày hủy"), null=True, blank=True)
    cancelled_by = user_field(_("người hủy"))
    search_text = models.CharField(max_length=700, editable=False, default="")
    # A default, not auto_now_add, so imported and demo history keeps its real dates.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_owner = ("owner", "coworker_links__member")

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["owner", "status", "due_date"], name="task_owner_status_due"),
            models.Index(fields=["organization", "status", "due_date"], name="task_org_status_due"),
            # The shared list's order (due date, id) under LIMIT, whole reach or by status: the
            # rows come from the index in order instead of a sort of every visible task.
            models.Index(fields=["due_date", "id"], name="task_due_id"),
            models.Index(fields=["status", "due_date", "id"], name="task_status_due_id"),
            # The calendar's weeks in a subtree: the due-date range as an index condition per
            # organization, not each organization's every task read and filtered (issue 13).
            models.Index(fields=["organization", "due_date"], name="task_org_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="task_percent_range",
                violation_error_message=_("Tiến độ phải từ 0 đến 100%."),
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("start_date")),
                name="task_due_after_start",
                violation_error_message=_("Hạn hoàn thành phải từ ngày bắt đầu trở đi."),
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="task_cancel_has_reason",
                violation_error_message=_("Hủy nhiệm vụ phải ghi rõ lý do."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(outcome=""),
                name="task_done_has_outcome",
                violation_error_message=_("Nhiệm vụ hoàn thành phải có kết quả nghiệm thu."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def overdue_on(self, today: dt.date) -> bool:
        """The owner is late on `today` (the same rule as :func:`overdue_q`)."""
        if self.status in WORKING_STATUSES:
            return self.due_date < today
        return self.status == TaskStatus.AWAITING_ACCEPTANCE and self.submitted_late

    @property
    def is_overdue(self) -> bool:
        """The owner is late: not reported done by the due date in force, or reported
        after it; never because the acceptor has not decided yet."""
        return self.overdue_on(timezone.localdate())

    @property
    def submitted_on(self) -> dt.date | None:
        """The local day the work was reported done."""
        return timezone.localdate(self.submitted_at) if self.submitted_at else None

    @property
    def submitted_late(self) -> bool:
        return self.submitted_on is not None and self.submitted_on > self.due_date

    @property
    def late_days(self) -> int:
        """How many days the owner is (or was, when reporting done) past the due date."""
        if self.status in WORKING_STATUSES:
            return max(0, (timezone.localdate() - self.due_date).days)
        if self.submitted_on is not None:
            return max(0, (self.submitted_on - self.due_date).days)
        return 0

    def awaiting_days_on(self, today: dt.date) -> int | None:
        """Days the work has waited for the acceptor (None unless awaiting acceptance)."""
        if self.status != TaskStatus.AWAITING_ACCEPTANCE or self.submitted_on is None:
            return None
        return max(0, (today - self.submitted_on).days)

    @property
    def awaiting_acceptance_days(self) -> int | None:
        return self.awaiting_days_on(timezone.localdate())

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def was_extended(self) -> bool:
        return self.due_date != self.original_due_date


class TaskCoworker(models.Model):
    """A member who works on a task with its owner (người phối hợp)."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="coworker_links"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("người phối hợp"),
        on_delete=models.PROTECT,
        related_name="coworker_links",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "task__organization__path"
    restriction_owner = "member"

    class Meta:
        verbose_name = _("người phối hợp")
        verbose_name_plural = _("người phối hợp")
        constraints = [
            models.UniqueConstraint(fields=["task", "member"], name="task_coworker_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.task}"


class TaskRecord(models.Model):
    """What is kept about a task (a progress report, evidence, a decision, an extension
    request): read by whoever reads the task, its owner and co-workers included; newest first."""

    created_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "task__organization__path"
    restriction_owner = ("task__owner", "task__coworker_links__member")

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class ProgressUpdate(TaskRecord):
    """A report of progress by the owner or a co-worker: percent, note, evidence files."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="progress_updates"
    )
    author = user_field(_("người ghi báo cáo"))
    member = models.ForeignKey(
        Member,
        verbose_name=_("người báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="progress_updates",
    )
    percent = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    note = models.TextField(_("nội dung báo cáo"), blank=True)
    submitted = models.BooleanField(_("báo cáo hoàn thành"), default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta(TaskRecord.Meta):
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="progress_percent_range",
                violation_error_message=_("Tiến độ phải từ 0 đến 100%."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.percent}%"

    @property
    def on_behalf(self) -> bool:
        """Filed by someone other than the member it reports for (REPORT on their behalf):
        every place that shows the report says so. Select the author's member with it."""
        return self.author_id is not None and self.author.member_id != self.member_id


class Evidence(TaskRecord):
    """A file proving the work (document, photo), kept under a server-made name."""

    STORAGE_FOLDER = "evidence"

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="evidence"
    )
    progress_update = models.ForeignKey(
        ProgressUpdate,
        verbose_name=_("báo cáo tiến độ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    file = models.FileField(_("tệp"), upload_to=upload_to, max_length=255)
    file_name = models.CharField(_("tên tệp"), max_length=200)
    file_kind = models.CharField(_("loại tệp"), max_length=8, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    uploaded_by = user_field(_("người tải lên"))

    class Meta(TaskRecord.Meta):
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_image(self) -> bool:
        return self.file_kind in {"png", "jpeg", "gif", "webp", "heic"}


class AcceptanceDecision(models.TextChoices):
    ACCEPTED = "accepted", _("Nghiệm thu")
    RETURNED = "returned", _("Trả lại, yêu cầu làm tiếp")


class Acceptance(TaskRecord):
    """The assigner's or committee's decision on work reported done: accepted with an
    outcome, or returned for more work. Each decision is kept."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="acceptances"
    )
    decision = models.CharField(_("quyết định"), max_length=10, choices=AcceptanceDecision.choices)
    outcome = models.CharField(
        _("kết quả"), max_length=12, choices=Outcome.choices, blank=True, default=""
    )
    comment = models.TextField(_("nhận xét"), blank=True)
    decided_by = user_field(_("người quyết định"))

    class Meta(TaskRecord.Meta):
        verbose_name = _("nghiệm thu")
        verbose_name_plural = _("nghiệm thu")
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="accepted") | ~Q(outcome=""),
                name="acceptance_has_outcome",
                violation_error_message=_("Nghiệm thu phải chọn kết quả."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.get_decision_display()}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ quyết định")
    GRANTED = "granted", _("Đồng ý gia hạn")
    REFUSED = "refused", _("Không đồng ý")


class ExtensionRequest(TaskRecord):
    """The owner asks for a later due date; the assigner grants or refuses it."""

    task = models.ForeignKey(
        Task,
        verbose_name=_("nhiệm vụ"),
        on_delete=models.PROTECT,
        related_name="extension_requests",
    )
    requested_by = user_field(_("người xin gia hạn"))
    previous_due_date = models.DateField(_("hạn trước khi xin"))
    requested_due_date = models.DateField(_("hạn đề nghị"))
    reason = models.TextField(_("lý do"))
    status = models.CharField(
        _("trạng thái"),
        max_length=8,
        choices=ExtensionStatus.choices,
        default=ExtensionStatus.PENDING,
    )
    decided_by = user_field(_("người quyết định"))
    decided_at = models.DateTimeField(_("ngày quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)

    class Meta(TaskRecord.Meta):
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(status="pending"),
                name="extension_one_pending_per_task",
                violation_error_message=_(
                    "Nhiệm vụ này đang có một đề nghị gia hạn chờ quyết định."
                ),
            ),
            models.CheckConstraint(
                condition=Q(requested_due_date__gt=models.F("previous_due_date")),
                name="extension_later_date",
                violation_error_message=_("Hạn đề nghị phải sau hạn hiện tại."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.previous_due_date} → {self.requested_due_date}"


class NotificationKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    DUE_TODAY = "due_today", _("Đến hạn hôm nay")
    OVERDUE = "overdue", _("Quá hạn")
    WEEKLY_DIGEST = "weekly_digest", _("Tổng hợp hằng tuần")
    ASSIGNED = "assigned", _("Được giao nhiệm vụ")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", _("Chờ nghiệm thu")
    ACCEPTED = "accepted", _("Đã nghiệm thu")
    RETURNED = "returned", _("Trả lại")
    EXTENSION = "extension", _("Gia hạn")
    # Notices about the other records (they carry about_ref and link instead of a task).
    MEETING_INVITATION = "meeting_invitation", _("Mời họp")
    MEETING_MISSING = "meeting_missing", _("Chưa sinh hoạt định kỳ")
    THEMATIC_MISSING = "thematic_missing", _("Chưa sinh hoạt chuyên đề")
    BRIEFING_DUE = "briefing_due", _("Đến hạn báo cáo")
    BRIEFING_LATE = "briefing_late", _("Chậm báo cáo")
    INSPECTION_OVERDUE = "inspection_overdue", _("Kiểm tra, giám sát quá hạn")
    FEEDBACK = "feedback", _("Phản ánh, kiến nghị")


REMINDER_KINDS = [NotificationKind.DUE_SOON, NotificationKind.DUE_TODAY, NotificationKind.OVERDUE]


class EmailStatus(models.TextChoices):
    """Where a notification's e-mail stands (hatnhan.tasks.reminders sends and retries it)."""

    NONE = "", _("Không gửi thư")
    PENDING = "pending", _("Chờ gửi thư")
    SENT = "sent", _("Đã gửi thư")
    RETRYING = "retrying", _("Gửi thư lỗi, sẽ gửi lại")
    FAILED = "failed", _("Gửi thư lỗi, đã ngừng gửi lại")


UNDELIVERED = [EmailStatus.RETRYING, EmailStatus.FAILED]


class Notification(models.Model):
    """A message to a user, shown in the app (and e-mailed for reminders).

    `reminder_date` is the day the reminder is about (the sweep's today); the unique
    constraints make each reminder of a kind for a task and day (and each user's weekly
    digest) go out once however often the sweep runs. Event notices (assigned, returned…)
    may repeat."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    # A notice about another record (a meeting, a briefing, a case) names it as
    # "<app_label>.<model>:<pk>" and links to its page; tasks may not import those apps.
    about_ref = models.CharField(_("về hồ sơ"), max_length=64, blank=True, default="")
    link = models.CharField(_("đường dẫn"), max_length=255, blank=True, default="")
    kind = models.CharField(_("loại"), max_length=20, choices=NotificationKind.choices)
    reminder_date = models.DateField(_("ngày"))
    message = models.TextField(_("nội dung"))
    emailed_at = models.DateTimeField(_("ngày gửi thư"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(_("ngày đọc"), null=True, blank=True)
    # The e-mail as it was first composed, so that a retry sends the same message.
    email_subject = models.CharField(_("tiêu đề thư"), max_length=255, blank=True, editable=False)
    email_body = models.TextField(_("nội dung thư"), blank=True, editable=False)
    email_status = models.CharField(
        _("thư điện tử"), max_length=8, choices=EmailStatus.choices, blank=True, default=""
    )
    email_attempts = models.PositiveSmallIntegerField(_("số lần gửi thư"), default=0)
    email_error = models.TextField(_("lỗi gửi thư"), blank=True)
    # When the next attempt is due (also: until when a sweep that took it may send it).
    email_retry_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    # Staff read others' notices only for failed deliveries about their organizations' tasks.
    restriction_path = "task__organization__path"

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_unread"),
            models.Index(fields=["email_status", "email_retry_at"], name="notification_email_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "task", "kind", "reminder_date"],
                condition=Q(kind__in=REMINDER_KINDS),
                name="notification_reminder_once",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "reminder_date"],
                condition=Q(kind="weekly_digest"),
                name="notification_digest_once",
            ),
            # An alert about another record goes out once per day it is about (a producer
            # that alerts once per period passes the period's last day).
            models.UniqueConstraint(
                fields=["user", "kind", "about_ref", "reminder_date"],
                condition=~Q(about_ref=""),
                name="notification_alert_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"

    @property
    def target_url(self) -> str:
        """Where opening the notice leads: its task, or the record it is about."""
        if self.task_id:
            return reverse("tasks:detail", args=[self.task_id])
        return self.link
