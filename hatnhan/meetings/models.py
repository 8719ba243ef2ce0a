"""Cell meetings (sinh hoạt chi bộ): a record that judges itself.

A meeting is scheduled (planned), held (attendance and minutes are written), then closed;
after closing it changes only by a recorded correction. A regular meeting serves a month (the
cell's monthly meeting); a thematic one serves a quarter and never stands in for a month's
regular one (Chỉ thị 50-CT/TW, HD 42). The quality checks (HD 12) read the facts kept here:
when the invitation and documents went out, who came, how long it lasted, who spoke, whether
last month's resolution was reviewed."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.core.uploads import upload_to
from hatnhan.directives.models import Resolution
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import Task, user_field


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Thường kỳ")
    THEMATIC = "thematic", _("Chuyên đề")


class MeetingBody(models.TextChoices):
    """Who meets: the cell's members, or the organization's committee (cấp ủy)."""

    CELL = "cell", _("Chi bộ (toàn thể đảng viên)")
    COMMITTEE = "committee", _("Cấp ủy")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Đã lên lịch")
    HELD = "held", _("Đã họp")
    CLOSED = "closed", _("Đã kết thúc, khóa biên bản")


class MeetingQuerySet(RestrictedQuerySet):
    def regular(self) -> "MeetingQuerySet":
        return self.filter(kind=MeetingKind.REGULAR)

    def thematic(self) -> "MeetingQuerySet":
        return self.filter(kind=MeetingKind.THEMATIC)

    def took_place(self) -> "MeetingQuerySet":
        return self.filter(state__in=[MeetingState.HELD, MeetingState.CLOSED])


class Meeting(models.Model):
    """One meeting of a cell (or of a grassroots organization's committee)."""

    STORAGE_FOLDER = "meetings"

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    body = models.CharField(
        _("thành phần"), max_length=10, choices=MeetingBody.choices, default=MeetingBody.CELL
    )
    kind = models.CharField(
        _("loại sinh hoạt"), max_length=10, choices=MeetingKind.choices, default=MeetingKind.REGULAR
    )
    title = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    # The period served: a regular meeting serves a month, a thematic one a quarter (its
    # month stays empty: a thematic meeting is never the month's regular one).
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(
        _("tháng (sinh hoạt thường kỳ)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    quarter = models.PositiveSmallIntegerField(
        _("quý"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    # A regular meeting joined with a thematic part must last ≥ 120 minutes (CT 50 / HD 42).
    has_thematic_part = models.BooleanField(_("kết hợp sinh hoạt chuyên đề"), default=False)
    topic = models.CharField(_("chuyên đề"), max_length=500, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255)
    planned_start = models.DateTimeField(_("thời gian bắt đầu dự kiến"))
    planned_minutes = models.PositiveSmallIntegerField(
        _("thời lượng dự kiến (phút)"),
        default=120,
        validators=[MinValueValidator(15), MaxValueValidator(24 * 60)],
    )
    agenda = models.TextField(_("nội dung, chương trình"), blank=True)
    chair = models.ForeignKey(
        Member,
        verbose_name=_("chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_meetings",
    )
    minutes_taker = models.ForeignKey(
        Member,
        verbose_name=_("thư ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recorded_meetings",
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=8,
        choices=MeetingState.choices,
        default=MeetingState.PLANNED,
        db_index=True,
    )
    # Preparation facts the quality checks read (HD 12: the committee meets first, a draft
    # resolution is ready; HD 42: documents reach members at least one day ahead).
    invitation_sent_at = models.DateTimeField(_("gửi giấy mời lúc"), null=True, blank=True)
    documents_sent_at = models.DateTimeField(_("gửi tài liệu lúc"), null=True, blank=True)
    committee_met_on = models.DateField(_("cấp ủy họp chuẩn bị ngày"), null=True, blank=True)
    draft_resolution = models.TextField(_("dự thảo nghị quyết"), blank=True)
    draft_ready_at = models.DateTimeField(_("có dự thảo nghị quyết lúc"), null=True, blank=True)
    superior_attendee = models.CharField(
        _("đồng chí cấp ủy cấp trên dự"), max_length=255, blank=True
    )
    actual_start = models.DateTimeField(_("bắt đầu thực tế"), null=True, blank=True)
    actual_end = models.DateTimeField(_("kết thúc thực tế"), null=True, blank=True)
    held_at = models.DateTimeField(_("ghi nhận đã họp lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("khóa biên bản lúc"), null=True, blank=True)
    closed_by = user_field(_("người khóa biên bản"))
    created_by = user_field(_("người lên lịch"))
    search_text = models.CharField(max_length=900, editable=False, default="")
    # A default, not auto_now_add, so demo and imported history keeps its real dates.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()
    restriction_path = "organization__path"
    # A member sees the meetings they are invited to.
    restriction_owner = "attendances__member"

    class Meta:
        verbose_name = _("cuộc sinh hoạt")
        verbose_name_plural = _("sinh hoạt chi bộ")
        ordering = ["planned_start", "id"]
        indexes = [
            models.Index(fields=["organization", "planned_start"], name="meeting_org_start"),
            models.Index(fields=["organization", "year", "month"], name="meeting_org_period"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="thematic", month__isnull=True)
                | Q(kind="regular", month__isnull=False),
                name="meeting_month_by_kind",
                violation_error_message=_(
                    "Sinh hoạt chuyên đề không thay thế sinh hoạt thường kỳ của tháng; "
                    "sinh hoạt thường kỳ phải ghi tháng."
                ),
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | (Q(month__gte=1) & Q(month__lte=12)),
                name="meeting_month_range",
                violation_error_message=_("Tháng phải từ 1 đến 12."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4),
                name="meeting_quarter_range",
                violation_error_message=_("Quý phải từ 1 đến 4."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gt=models.F("actual_start")),
                name="meeting_end_after_start",
                violation_error_message=_("Thời gian kết thúc phải sau thời gian bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(planned_minutes__gte=15),
                name="meeting_planned_minutes_min",
                violation_error_message=_("Thời lượng dự kiến ít nhất 15 phút."),
            ),
            models.UniqueConstraint(
                fields=["organization", "body", "year", "month"],
                condition=Q(kind="regular"),
                name="meeting_one_regular_per_month",
                violation_error_message=_(
                    "Tổ chức này đã có cuộc sinh hoạt thường kỳ của tháng này."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.title:
            return self.title
        if self.kind == MeetingKind.REGULAR:
            return str(_("Sinh hoạt thường kỳ tháng %(month)s/%(year)s")) % {
                "month": self.month,
                "year": self.year,
            }
        return str(_("Sinh hoạt chuyên đề quý %(quarter)s/%(year)s")) % {
            "quarter": self.quarter,
            "year": self.year,
        }

    @property
    def ref(self) -> str:
        """How the task loop and notices name this meeting (Task.source_ref, about_ref)."""
        return f"meetings.meeting:{self.pk}"

    @property
    def planned_end(self) -> dt.datetime:
        return self.planned_start + dt.timedelta(minutes=self.planned_minutes)

    @property
    def actual_minutes(self) -> int | None:
        if self.actual_start is None or self.actual_end is None:
            return None
        return int((self.actual_end - self.actual_start).total_seconds() // 60)

    @property
    def is_closed(self) -> bool:
        return self.state == MeetingState.CLOSED


class MeetingDocument(models.Model):
    """A document sent ahead (draft resolution, report, study material), kept under a
    server-made name; members invited read it before the meeting."""

    STORAGE_FOLDER = "meetings"

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("cuộc sinh hoạt"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=upload_to, max_length=255)
    file_name = models.CharField(_("tên tệp"), max_length=200)
    file_kind = models.CharField(_("loại tệp"), max_length=8, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    uploaded_by = user_field(_("người tải lên"))
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "meeting__organization__path"
    restriction_owner = "meeting__attendances__member"

    class Meta:
        verbose_name = _("tài liệu sinh hoạt")
        verbose_name_plural = _("tài liệu sinh hoạt")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    UNRECORDED = "", _("Chưa ghi nhận")
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    UNEXCUSED = "unexcused", _("Vắng không lý do")


class CheckInMethod(models.TextChoices):
    NONE = "", _("Chưa điểm danh")
    QR = "qr", _("Tự điểm danh bằng mã QR")
    SECRETARY = "secretary", _("Thư ký, bí thư điểm danh")


class Attendance(models.Model):
    """One invited member's attendance: a row per member invited (every active member of the
    cell when the invitation goes out), then present / excused (with reason) / unexcused."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("cuộc sinh hoạt"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(
        _("điểm danh"),
        max_length=10,
        choices=AttendanceStatus.choices,
        blank=True,
        default=AttendanceStatus.UNRECORDED,
    )
    reason = models.CharField(_("lý do vắng"), max_length=500, blank=True)
    late_minutes = models.PositiveSmallIntegerField(_("đến muộn (phút)"), default=0)
    checked_in_at = models.DateTimeField(_("điểm danh lúc"), null=True, blank=True)
    method = models.CharField(
        _("cách điểm danh"), max_length=10, choices=CheckInMethod.choices, blank=True, default=""
    )
    recorded_by = user_field(_("người ghi"))
    # The rotating code's nonce a QR check-in used (kept: the audit shows which code).
    code_nonce = models.CharField(
        _("mã điểm danh đã dùng"), max_length=32, blank=True, default="", editable=False
    )
    invited_at = models.DateTimeField(_("mời lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "meeting__organization__path"
    restriction_owner = "member"

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["meeting_id", "member__sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                name="attendance_one_per_member",
                violation_error_message=_("Đảng viên này đã có trong danh sách điểm danh."),
            ),
            models.CheckConstraint(
                condition=~Q(status="excused") | ~Q(reason=""),
                name="attendance_excused_has_reason",
                violation_error_message=_("Vắng có lý do phải ghi rõ lý do."),
            ),
            models.CheckConstraint(
                condition=Q(status="present") | Q(late_minutes=0),
                name="attendance_late_only_present",
                violation_error_message=_("Chỉ người có mặt mới có thể đến muộn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_status_display()}"


class Minutes(models.Model):
    """The minutes in the parts a cell uses (biên bản sinh hoạt chi bộ); the speeches and the
    review of last month's tasks are their own rows. Actual times are on the meeting."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("cuộc sinh hoạt"), on_delete=models.PROTECT, related_name="minutes"
    )
    opening = models.TextField(_("khai mạc"), blank=True)
    previous_review = models.TextField(_("kiểm điểm thực hiện nghị quyết tháng trước"), blank=True)
    political_task = models.TextField(_("tình hình thực hiện nhiệm vụ chính trị"), blank=True)
    discussion = models.TextField(_("thảo luận (tóm tắt)"), blank=True)
    conclusions = models.TextField(_("kết luận của chủ trì"), blank=True)
    updated_by = user_field(_("người ghi biên bản"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "meeting__organization__path"
    restriction_owner = "meeting__attendances__member"

    class Meta:
        verbose_name = _("biên bản")
        verbose_name_plural = _("biên bản")

    def __str__(self) -> str:
        return str(_("Biên bản: %(meeting)s")) % {"meeting": self.meeting}


# The parts of the minutes, in the order they are written; completeness (HD 12) reads them.
MINUTES_PARTS = ("opening", "previous_review", "political_task", "discussion", "conclusions")


class Speech(models.Model):
    """Who spoke in the discussion, and what (ý kiến phát biểu)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("cuộc sinh hoạt"), on_delete=models.PROTECT, related_name="speeches"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("người phát biểu"), on_delete=models.PROTECT, related_name="speeches"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    content = models.TextField(_("nội dung phát biểu"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "meeting__organization__path"
    restriction_owner = "meeting__attendances__member"

    class Meta:
        verbose_name = _("ý kiến phát biểu")
        verbose_name_plural = _("ý kiến phát biểu")
        ordering = ["meeting_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.member}: {self.content[:60]}"


class TaskReview(models.Model):
    """One task of last month's resolution as the meeting reviewed it: its state is read
    from the task loop and kept as it stood that day."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("cuộc sinh hoạt"),
        on_delete=models.PROTECT,
        related_name="task_reviews",
    )
    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="meeting_reviews"
    )
    status = models.CharField(_("trạng thái khi kiểm điểm"), max_length=20)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    was_overdue = models.BooleanField(_("quá hạn"), default=False)
    comment = models.TextField(_("nhận xét"), blank=True)
    reviewed_at = models.DateTimeField(_("kiểm điểm lúc"), default=timezone.now)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "meeting__organization__path"
    restriction_owner = "meeting__attendances__member"

    class Meta:
        verbose_name = _("kiểm điểm nhiệm vụ")
        verbose_name_plural = _("kiểm điểm nhiệm vụ")
        ordering = ["meeting_id", "task__due_date", "task_id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "task"], name="task_review_once")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.task}"


class MeetingResolution(models.Model):
    """The meeting's resolution: its text, adopted at the meeting, and the resolution it
    became in the task loop (a directives Resolution with focus issues, and tasks whose
    source is this meeting)."""

    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("cuộc sinh hoạt"),
        on_delete=models.PROTECT,
        related_name="resolution",
    )
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    text = models.TextField(_("nội dung nghị quyết"))
    resolution = models.OneToOneField(
        Resolution,
        verbose_name=_("nghị quyết trong vòng nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_resolution",
    )
    adopted_at = models.DateTimeField(_("thông qua lúc"), default=timezone.now)
    adopted_by = user_field(_("người ghi"))

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "meeting__organization__path"
    restriction_owner = "meeting__attendances__member"

    class Meta:
        verbose_name = _("nghị quyết cuộc sinh hoạt")
        verbose_name_plural = _("nghị quyết cuộc sinh hoạt")

    def __str__(self) -> str:
        return self.number_symbol or str(self.meeting)


class Correction(models.Model):
    """A change to a closed meeting: what it was, what it became, why, by whom. A closed
    meeting changes only this way; the correction is applied and kept."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("cuộc sinh hoạt"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    field = models.CharField(_("phần sửa"), max_length=64)
    before = models.TextField(_("trước khi sửa"), blank=True)
    after = models.TextField(_("sau khi sửa"), blank=True)
    reason = models.TextField(_("lý do đính chính"))
    made_by = user_field(_("người đính chính"))
    made_at = models.DateTimeField(_("đính chính lúc"), default=timezone.now)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "meeting__organization__path"
    restriction_owner = "meeting__attendances__member"

    class Meta:
        verbose_name = _("đính chính")
        verbose_name_plural = _("đính chính")
        ordering = ["meeting_id", "made_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="correction_has_reason",
                violation_error_message=_("Đính chính phải ghi rõ lý do."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.field}"


class AssessmentKind(models.TextChoices):
    PROPOSAL = "proposal", _("Cấp ủy đề xuất")
    SUPERIOR = "superior", _("Đánh giá của đồng chí cấp ủy cấp trên dự")


class QualityLevel(models.TextChoices):
    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")
    POOR = "poor", _("Kém")


class QualityAssessment(models.Model):
    """A scoring of the meeting (HD 12): the points people give for what the record cannot
    hold, per part of the rubric, plus the computed checks as they stood (kept, so a later
    change to the record does not rewrite what was proposed). The committee proposes; the
    visiting superior committee member may record their own."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("cuộc sinh hoạt"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    kind = models.CharField(_("loại đánh giá"), max_length=10, choices=AssessmentKind.choices)
    preparation = models.PositiveSmallIntegerField(_("chuẩn bị (điểm chấm)"), default=0)
    attendance = models.PositiveSmallIntegerField(_("dự họp (điểm chấm)"), default=0)
    conduct = models.PositiveSmallIntegerField(_("tiến hành (điểm chấm)"), default=0)
    closing = models.PositiveSmallIntegerField(_("kết thúc (điểm chấm)"), default=0)
    score = models.PositiveSmallIntegerField(_("tổng điểm"), default=0)
    level = models.CharField(_("xếp loại"), max_length=8, choices=QualityLevel.choices)
    checks = models.JSONField(_("kết quả kiểm tra tự động"), default=list, blank=True)
    comment = models.TextField(_("nhận xét"), blank=True)
    assessor_name = models.CharField(_("người đánh giá"), max_length=255, blank=True)
    made_by = user_field(_("người ghi"))
    made_at = models.DateTimeField(_("đánh giá lúc"), default=timezone.now)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "meeting__organization__path"
    restriction_owner = "meeting__attendances__member"

    class Meta:
        verbose_name = _("đánh giá chất lượng sinh hoạt")
        verbose_name_plural = _("đánh giá chất lượng sinh hoạt")
        ordering = ["meeting_id", "made_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__lte=100),
                name="assessment_score_max",
                violation_error_message=_("Tổng điểm không quá 100."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.score} ({self.get_level_display()})"


class QualityConfirmation(models.Model):
    """A present member's answer to the committee's proposed rating (members confirm)."""

    assessment = models.ForeignKey(
        QualityAssessment,
        verbose_name=_("đề xuất"),
        on_delete=models.PROTECT,
        related_name="confirmations",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="quality_confirmations",
    )
    agrees = models.BooleanField(_("nhất trí"))
    comment = models.CharField(_("ý kiến"), max_length=500, blank=True)
    made_at = models.DateTimeField(_("cho ý kiến lúc"), default=timezone.now)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "assessment__meeting__organization__path"
    restriction_owner = "member"

    class Meta:
        verbose_name = _("xác nhận đánh giá")
        verbose_name_plural = _("xác nhận đánh giá")
        ordering = ["assessment_id", "made_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "member"],
                name="confirmation_once_per_member",
                violation_error_message=_("Đồng chí đã cho ý kiến về đề xuất này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.agrees}"
