"""The head's briefing duty (chế độ thông báo, QĐ 138-QĐ/TW 2023, Art. 11): the agency head
tells the party committee the state of the political task and the agency's new policies,
every six months by default (monthly or quarterly where the organization chooses it), and
whenever the committee asks. The committee acknowledges each briefing at a meeting and
records its conclusions; each conclusion can become a task.

A periodic briefing that was never filed has no row: the duty's schedule (selectors.periods)
says which periods were due, and a period without a filed briefing is missing. A briefing
the committee asks for ad hoc is a row from the moment it is asked for (status "requested")."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.core.uploads import upload_to
from hatnhan.meetings.models import Meeting
from hatnhan.members.models import CommitteeSeat, Member
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import Task, user_field


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    SEMIANNUAL = "semiannual", _("6 tháng một lần")


# Months per period of each frequency.
FREQUENCY_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.SEMIANNUAL: 6}


def default_frequency() -> str:
    """QĐ 138-QĐ/TW Art. 11: every six months, unless the setting says otherwise."""
    return settings.BRIEFING_DEFAULT_FREQUENCY


def default_due_days() -> int:
    return settings.BRIEFING_DUE_DAYS_AFTER_PERIOD


class BriefingDuty(models.Model):
    """Who briefs the organization's committee, how often and when in the period it is due.

    The head is a member (the agency head is a party member in these agencies); `seat` is
    their committee seat when they hold one — with `is_agency_head` on a secretary's seat,
    the unified head (NQ 18-NQ/TW), who still owes the briefing."""

    organization = models.OneToOneField(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="briefing_duty",
    )
    head = models.ForeignKey(
        Member,
        verbose_name=_("người đứng đầu cơ quan"),
        on_delete=models.PROTECT,
        related_name="briefing_duties",
    )
    head_title = models.CharField(
        _("chức vụ của người đứng đầu"),
        max_length=150,
        blank=True,
        help_text=_("Ví dụ: Giám đốc Sở."),
    )
    seat = models.ForeignKey(
        CommitteeSeat,
        verbose_name=_("chức danh cấp ủy của người đứng đầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    frequency = models.CharField(
        _("định kỳ báo cáo"),
        max_length=12,
        choices=Frequency.choices,
        default=default_frequency,
    )
    due_days_after_period = models.PositiveSmallIntegerField(
        _("hạn báo cáo (số ngày sau khi hết kỳ)"),
        default=default_due_days,
        help_text=_("0: hạn là ngày cuối kỳ."),
    )
    starts_on = models.DateField(
        _("áp dụng từ ngày"), help_text=_("Các kỳ kết thúc trước ngày này không phải báo cáo.")
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_owner = "head"

    class Meta:
        verbose_name = _("chế độ thông báo của người đứng đầu")
        verbose_name_plural = _("chế độ thông báo của người đứng đầu")
        ordering = ["organization__path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_days_after_period__lte=90),
                name="briefing_duty_due_days_range",
                violation_error_message=_("Hạn báo cáo tối đa 90 ngày sau khi hết kỳ."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization.name}: {self.head}"

    def get_absolute_url(self) -> str:
        return reverse("briefings:duty", args=[self.pk])

    @property
    def is_unified(self) -> bool:
        """The head is also the organization's secretary (nhất thể hóa, NQ 18-NQ/TW)."""
        seat = self.seat
        return bool(seat and seat.role == "secretary" and seat.is_agency_head)


class BriefingKind(models.TextChoices):
    PERIODIC = "periodic", _("Định kỳ")
    REQUESTED = "requested", _("Khi được yêu cầu")


class BriefingStatus(models.TextChoices):
    REQUESTED = "requested", _("Cấp ủy yêu cầu, chờ báo cáo")
    SUBMITTED = "submitted", _("Đã báo cáo, chờ cấp ủy ghi nhận")
    ACKNOWLEDGED = "acknowledged", _("Cấp ủy đã ghi nhận, kết luận")


class Briefing(models.Model):
    """One briefing of the head to the committee (thông báo tình hình)."""

    duty = models.ForeignKey(
        BriefingDuty,
        verbose_name=_("chế độ thông báo"),
        on_delete=models.PROTECT,
        related_name="briefings",
    )
    # The duty's organization, copied so lists filter and restrict without a join.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="briefings",
        editable=False,
    )
    kind = models.CharField(_("loại"), max_length=10, choices=BriefingKind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=BriefingStatus.choices, db_index=True
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    due_date = models.DateField(_("hạn báo cáo"))
    # Who owed it when it was asked for or filed (the duty's head may change later).
    head = models.ForeignKey(
        Member,
        verbose_name=_("người đứng đầu"),
        on_delete=models.PROTECT,
        related_name="briefings",
    )
    request_note = models.TextField(_("nội dung cấp ủy yêu cầu"), blank=True)
    requested_by = user_field(_("người yêu cầu"))
    requested_at = models.DateTimeField(_("ngày yêu cầu"), null=True, blank=True)
    results = models.TextField(_("kết quả thực hiện nhiệm vụ chính trị"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    new_policies = models.TextField(
        _("chủ trương, chính sách, định hướng mới của cơ quan"), blank=True
    )
    proposals = models.TextField(_("kiến nghị, đề xuất với cấp ủy"), blank=True)
    submitted_at = models.DateTimeField(_("ngày báo cáo"), null=True, blank=True)
    submitted_by = user_field(_("người gửi báo cáo"))
    acknowledged_at = models.DateTimeField(_("ngày cấp ủy ghi nhận"), null=True, blank=True)
    acknowledged_by = user_field(_("người ghi nhận"))
    acknowledged_on = models.DateField(_("ngày họp cấp ủy"), null=True, blank=True)
    acknowledgment_note = models.TextField(_("ý kiến thảo luận của cấp ủy"), blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("tại cuộc họp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="briefings",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_owner = "head"

    class Meta:
        verbose_name = _("báo cáo của người đứng đầu")
        verbose_name_plural = _("báo cáo của người đứng đầu")
        ordering = ["-due_date", "-id"]
        indexes = [models.Index(fields=["duty", "due_date"], name="briefing_duty_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["duty", "period_start"],
                condition=Q(kind="periodic"),
                name="briefing_one_per_period",
                violation_error_message=_("Kỳ này đã có báo cáo."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="briefing_period_order",
                violation_error_message=_("Ngày kết thúc kỳ phải từ ngày bắt đầu trở đi."),
            ),
            models.CheckConstraint(
                condition=Q(status="requested") | Q(submitted_at__isnull=False),
                name="briefing_submitted_has_time",
                violation_error_message=_("Báo cáo đã gửi phải có ngày báo cáo."),
            ),
        ]

    def __str__(self) -> str:
        return _("Báo cáo %(from)s–%(to)s, %(org)s") % {
            "from": f"{self.period_start:%d/%m/%Y}",
            "to": f"{self.period_end:%d/%m/%Y}",
            "org": self.organization.name,
        }

    def get_absolute_url(self) -> str:
        return reverse("briefings:detail", args=[self.pk])

    @property
    def ref(self) -> str:
        """What tasks and notices point back to it by (Task.source_ref, about_ref)."""
        return f"briefings.briefing:{self.pk}"

    @property
    def submitted_on(self) -> dt.date | None:
        return timezone.localdate(self.submitted_at) if self.submitted_at else None

    @property
    def on_time(self) -> bool | None:
        """Filed by its due date (None while not filed)."""
        day = self.submitted_on
        return None if day is None else day <= self.due_date

    @property
    def on_behalf(self) -> bool:
        """Filed by someone else (the secretary) for the head: every page says so. Select
        submitted_by with it."""
        return self.submitted_by_id is not None and self.submitted_by.member_id != self.head_id


class BriefingFile(models.Model):
    """A file of the briefing (the written report, figures), kept under a server-made name."""

    STORAGE_FOLDER = "briefings"

    briefing = models.ForeignKey(
        Briefing, verbose_name=_("báo cáo"), on_delete=models.PROTECT, related_name="files"
    )
    file = models.FileField(_("tệp"), upload_to=upload_to, max_length=255)
    file_name = models.CharField(_("tên tệp"), max_length=200)
    file_kind = models.CharField(_("loại tệp"), max_length=8, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    uploaded_by = user_field(_("người tải lên"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "briefing__organization__path"
    restriction_owner = "briefing__head"

    class Meta:
        verbose_name = _("tệp báo cáo")
        verbose_name_plural = _("tệp báo cáo")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.file_name


class Conclusion(models.Model):
    """A conclusion the committee recorded on a briefing; `task` once it became one."""

    briefing = models.ForeignKey(
        Briefing, verbose_name=_("báo cáo"), on_delete=models.PROTECT, related_name="conclusions"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("kết luận"))
    task = models.OneToOneField(
        Task,
        verbose_name=_("nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="briefing_conclusion",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "briefing__organization__path"
    restriction_owner = "briefing__head"

    class Meta:
        verbose_name = _("kết luận của cấp ủy")
        verbose_name_plural = _("kết luận của cấp ủy")
        ordering = ["briefing_id", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]
