"""Inspection and supervision (kiểm tra, giám sát) under Quy định 296-QĐ/TW (2025).

A body (a committee or its inspection committee) plans the year's program; each item of it
may open a case, which runs the steps of QĐ 296 in order: preparation (decision, team, plan,
notice to the subject) → conduct (self-report, verification, working sessions, documents) →
conclusion (the body's meeting, findings, conclusion, recommendations) → follow-up → closed.
Each step keeps who did it and when, or who skipped it and why. Findings carry their evidence;
each recommendation becomes a task in the subject's organization (the task loop), and the case
closes only once that remediation is accepted or the body records why it closes anyway.

What is not confirmed by the official texts (time limits, the severity scale, the spot-check
checklist, who may read a case) is a setting (hatnhan.inspections.conf), so severity and
checklist items are stored as codes without model choices."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.core.uploads import upload_to
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import Task, user_field


class Body(models.TextChoices):
    """Who inspects: the committee itself or its inspection committee (QĐ 296 Chapter II)."""

    COMMITTEE = "committee", _("Cấp ủy")
    INSPECTION_COMMITTEE = "inspection_committee", _("Ủy ban kiểm tra")


class ItemKind(models.TextChoices):
    """The kinds of work of QĐ 296 Chapter II (supervision: regular or thematic;
    inspection: thematic, on signs of violation, of a lower body's inspection and discipline
    work) plus the administrative-discipline spot check of the year theme."""

    REGULAR_SUPERVISION = "regular_supervision", _("Giám sát thường xuyên")
    THEMATIC_SUPERVISION = "thematic_supervision", _("Giám sát chuyên đề")
    THEMATIC_INSPECTION = "thematic_inspection", _("Kiểm tra chuyên đề")
    SIGNS_OF_VIOLATION = "signs_of_violation", _("Kiểm tra khi có dấu hiệu vi phạm")
    LOWER_BODY_WORK = "lower_body_work", _("Kiểm tra việc thực hiện nhiệm vụ kiểm tra, kỷ luật")
    SPOT_CHECK = "spot_check", _("Kiểm tra đột xuất kỷ luật, kỷ cương hành chính")


SUPERVISION_KINDS = (ItemKind.REGULAR_SUPERVISION, ItemKind.THEMATIC_SUPERVISION)


class Step(models.TextChoices):
    """The steps of a case, in the order QĐ 296 runs them (the order of this list)."""

    DECISION = "decision", _("Quyết định kiểm tra, giám sát")
    TEAM = "team", _("Thành lập đoàn, trưởng đoàn")
    PLAN = "plan", _("Kế hoạch")
    NOTICE = "notice", _("Thông báo cho đối tượng")
    SELF_REPORT = "self_report", _("Đối tượng tự kiểm điểm, báo cáo")
    VERIFICATION = "verification", _("Thẩm tra, xác minh")
    WORKING_SESSIONS = "working_sessions", _("Làm việc với đối tượng")
    DOCUMENTS = "documents", _("Thu thập tài liệu")
    MEETING = "meeting", _("Họp cơ quan kiểm tra")
    FINDINGS = "findings", _("Nội dung phát hiện")
    CONCLUSION = "conclusion", _("Kết luận")
    RECOMMENDATIONS = "recommendations", _("Kiến nghị, yêu cầu khắc phục")
    FOLLOW_UP = "follow_up", _("Theo dõi khắc phục")
    CLOSED = "closed", _("Kết thúc")


STEP_ORDER: list[str] = [s.value for s in Step]


class Phase(models.TextChoices):
    PREPARATION = "preparation", _("Chuẩn bị")
    CONDUCT = "conduct", _("Tiến hành")
    CONCLUSION = "conclusion", _("Kết thúc, kết luận")
    FOLLOW_UP = "follow_up", _("Theo dõi sau kiểm tra")
    CLOSED = "closed", _("Đã kết thúc")


PHASE_OF_STEP: dict[str, str] = {
    Step.DECISION: Phase.PREPARATION,
    Step.TEAM: Phase.PREPARATION,
    Step.PLAN: Phase.PREPARATION,
    Step.NOTICE: Phase.PREPARATION,
    Step.SELF_REPORT: Phase.CONDUCT,
    Step.VERIFICATION: Phase.CONDUCT,
    Step.WORKING_SESSIONS: Phase.CONDUCT,
    Step.DOCUMENTS: Phase.CONDUCT,
    Step.MEETING: Phase.CONCLUSION,
    Step.FINDINGS: Phase.CONCLUSION,
    Step.CONCLUSION: Phase.CONCLUSION,
    Step.RECOMMENDATIONS: Phase.CONCLUSION,
    Step.FOLLOW_UP: Phase.FOLLOW_UP,
    Step.CLOSED: Phase.CLOSED,
}


class CaseRecord(models.Model):
    """What belongs to a case: read and changed by whoever may read and change the case (the
    inspecting body and the roles INSPECTION_CASE_ACCESS allows, hatnhan.core.restrict)."""

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "case__organization__path"
    restriction_access_setting = "INSPECTION_CASE_ACCESS"

    class Meta:
        abstract = True


class Program(models.Model):
    """The year's inspection and supervision program of a body (chương trình kiểm tra, giám
    sát năm, QĐ 296: each body plans its year)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức đảng"),
        on_delete=models.PROTECT,
        related_name="inspection_programs",
    )
    body = models.CharField(_("cơ quan thực hiện"), max_length=24, choices=Body.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=500)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    approved_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    created_by = user_field(_("người ghi"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_access_setting = "INSPECTION_CASE_ACCESS"

    class Meta:
        verbose_name = _("chương trình kiểm tra, giám sát")
        verbose_name_plural = _("chương trình kiểm tra, giám sát")
        ordering = ["-year", "organization__path", "body"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "body", "year"],
                name="inspection_program_one_per_year",
                violation_error_message=_(
                    "Cơ quan này đã có chương trình kiểm tra, giám sát của năm đó."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProgramItem(models.Model):
    """One piece of work of the program: its kind, subject (an organization, or a member of
    it), the period it looks at, content, team and schedule."""

    program = models.ForeignKey(
        Program, verbose_name=_("chương trình"), on_delete=models.PROTECT, related_name="items"
    )
    kind = models.CharField(_("loại"), max_length=24, choices=ItemKind.choices)
    subject_organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức được kiểm tra, giám sát"),
        on_delete=models.PROTECT,
        related_name="inspection_items",
    )
    subject_member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên được kiểm tra, giám sát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_items",
    )
    content = models.TextField(_("nội dung"))
    period_start = models.DateField(_("thời kỳ kiểm tra từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("thời kỳ kiểm tra đến ngày"), null=True, blank=True)
    team = models.TextField(_("đoàn, tổ kiểm tra"), blank=True)
    planned_start = models.DateField(_("dự kiến bắt đầu"))
    planned_end = models.DateField(_("dự kiến kết thúc"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "program__organization__path"
    restriction_access_setting = "INSPECTION_CASE_ACCESS"

    class Meta:
        verbose_name = _("nội dung chương trình kiểm tra, giám sát")
        verbose_name_plural = _("nội dung chương trình kiểm tra, giám sát")
        ordering = ["planned_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("planned_start")),
                name="inspection_item_end_after_start",
                violation_error_message=_("Ngày dự kiến kết thúc phải từ ngày bắt đầu trở đi."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="inspection_item_period_order",
                violation_error_message=_("Thời kỳ kiểm tra: ngày cuối phải từ ngày đầu trở đi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_member or self.subject_organization}"


class Case(models.Model):
    """One inspection or supervision (cuộc kiểm tra, giám sát), run by a body of
    `organization` over a subject. `step` is the step it stands at (the first not yet done
    or skipped); `step_since` when it got there, for the time limits."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức đảng tiến hành"),
        on_delete=models.PROTECT,
        related_name="inspection_cases",
    )
    body = models.CharField(_("cơ quan thực hiện"), max_length=24, choices=Body.choices)
    program_item = models.ForeignKey(
        ProgramItem,
        verbose_name=_("nội dung chương trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    kind = models.CharField(_("loại"), max_length=24, choices=ItemKind.choices)
    subject_organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức được kiểm tra, giám sát"),
        on_delete=models.PROTECT,
        related_name="inspected_cases",
    )
    subject_member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên được kiểm tra, giám sát"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspected_cases",
    )
    title = models.CharField(_("tên cuộc kiểm tra, giám sát"), max_length=500)
    content = models.TextField(_("nội dung"), blank=True)
    step = models.CharField(
        _("bước"), max_length=20, choices=Step.choices, default=Step.DECISION, db_index=True
    )
    step_since = models.DateField(_("ở bước này từ ngày"), default=timezone.localdate)
    # Preparation.
    decision_number = models.CharField(_("số, ký hiệu quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    team_head = models.ForeignKey(
        Member,
        verbose_name=_("trưởng đoàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="headed_cases",
    )
    team = models.ManyToManyField(
        Member, verbose_name=_("thành viên đoàn"), blank=True, related_name="inspection_teams"
    )
    plan = models.TextField(_("kế hoạch"), blank=True)
    notice = models.TextField(_("thông báo cho đối tượng"), blank=True)
    notice_date = models.DateField(_("ngày thông báo"), null=True, blank=True)
    # Conduct: the subject's own report, which the subject sees and writes.
    self_report = models.TextField(_("báo cáo tự kiểm điểm của đối tượng"), blank=True)
    # Conclusion.
    meeting_date = models.DateField(_("ngày họp kết luận"), null=True, blank=True)
    no_violation = models.BooleanField(_("không có vi phạm"), default=False)
    conclusion = models.TextField(_("kết luận"), blank=True)
    conclusion_number = models.CharField(
        _("số, ký hiệu thông báo kết luận"), max_length=64, blank=True
    )
    conclusion_date = models.DateField(_("ngày kết luận"), null=True, blank=True)
    # Closing.
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    close_anyway_reason = models.TextField(
        _("lý do kết thúc khi còn việc khắc phục chưa nghiệm thu"), blank=True
    )
    created_by = user_field(_("người ghi"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_access_setting = "INSPECTION_CASE_ACCESS"

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "step"], name="inspection_case_org_step"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def phase(self) -> str:
        return PHASE_OF_STEP[self.step]

    def get_phase_display(self) -> str:
        return str(Phase(self.phase).label)

    @property
    def is_closed(self) -> bool:
        return self.step == Step.CLOSED

    @property
    def subject_name(self) -> str:
        return str(self.subject_member or self.subject_organization)


class SubjectCase(Case):
    """The same case as its subject reads it: reached from the subject's organization (its
    secretary and committee) or by the subject member themself, never the team's working
    notes (the subject's pages show only what is asked of it, QĐ 296 on notifying the
    subject and sending it the conclusion)."""

    restriction_path = "subject_organization__path"
    restriction_owner = "subject_member"
    restriction_access_setting = None

    class Meta:
        proxy = True
        verbose_name = _("cuộc kiểm tra, giám sát (phía đối tượng)")
        verbose_name_plural = _("cuộc kiểm tra, giám sát (phía đối tượng)")


class StepOutcome(models.TextChoices):
    DONE = "done", _("Đã thực hiện")
    SKIPPED = "skipped", _("Bỏ qua (có lý do)")


class CaseStep(CaseRecord):
    """A step the case went through: done, or skipped with its recorded reason; by whom and
    when; and the day it was due by the time limits in force then."""

    case = models.ForeignKey(
        Case, verbose_name=_("cuộc kiểm tra"), on_delete=models.PROTECT, related_name="steps"
    )
    step = models.CharField(_("bước"), max_length=20, choices=Step.choices)
    outcome = models.CharField(_("kết quả"), max_length=8, choices=StepOutcome.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    skip_reason = models.TextField(_("lý do bỏ qua"), blank=True)
    started_on = models.DateField(_("bắt đầu bước từ ngày"))
    due_on = models.DateField(_("hạn của bước"), null=True, blank=True)
    done_on = models.DateField(_("ngày thực hiện"))
    done_by = user_field(_("người thực hiện"))
    recorded_at = models.DateTimeField(_("thời điểm ghi"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("bước kiểm tra, giám sát")
        verbose_name_plural = _("bước kiểm tra, giám sát")
        ordering = ["case", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "step"],
                name="inspection_step_once",
                violation_error_message=_("Bước này của cuộc kiểm tra đã được ghi."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="skipped") | ~Q(skip_reason=""),
                name="inspection_step_skip_has_reason",
                violation_error_message=_("Bỏ qua một bước phải ghi rõ lý do."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_step_display()}"

    @property
    def late(self) -> bool:
        return self.due_on is not None and self.done_on > self.due_on


class EntryKind(models.TextChoices):
    VERIFICATION = "verification", _("Thẩm tra, xác minh")
    WORKING_SESSION = "working_session", _("Buổi làm việc")
    DOCUMENT = "document", _("Tài liệu")
    NOTE = "note", _("Ghi chép của đoàn")


class CaseEntry(CaseRecord):
    """The team's working record during conduct (verification, working sessions, documents,
    notes): the team's, never shown to the subject."""

    STORAGE_FOLDER = "inspections"

    case = models.ForeignKey(
        Case, verbose_name=_("cuộc kiểm tra"), on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField(_("loại"), max_length=16, choices=EntryKind.choices)
    happened_on = models.DateField(_("ngày"))
    text = models.TextField(_("nội dung"))
    file = models.FileField(_("tệp"), upload_to=upload_to, max_length=255, blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    file_kind = models.CharField(_("loại tệp"), max_length=8, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    recorded_by = user_field(_("người ghi"))
    recorded_at = models.DateTimeField(_("thời điểm ghi"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("ghi chép của đoàn")
        verbose_name_plural = _("ghi chép của đoàn")
        ordering = ["happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class Finding(CaseRecord):
    """What the case found (nội dung phát hiện), with its severity on the scale of
    INSPECTION_SEVERITIES and the evidence behind it."""

    case = models.ForeignKey(
        Case, verbose_name=_("cuộc kiểm tra"), on_delete=models.PROTECT, related_name="findings"
    )
    title = models.CharField(_("nội dung phát hiện"), max_length=500)
    description = models.TextField(_("mô tả"), blank=True)
    severity = models.CharField(_("mức độ"), max_length=24)
    evidence = models.TextField(_("căn cứ, chứng cứ"), blank=True)
    checklist_result = models.OneToOneField(
        "SpotCheckResult",
        verbose_name=_("tiêu chí kiểm tra đột xuất"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="finding",
    )
    recorded_by = user_field(_("người ghi"))
    recorded_at = models.DateTimeField(_("thời điểm ghi"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("nội dung phát hiện")
        verbose_name_plural = _("nội dung phát hiện")
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def task_ref(self) -> str:
        """How a remediation task points back here (Task.source_ref)."""
        return f"inspections.finding:{self.pk}"


class FindingEvidence(models.Model):
    """A file behind a finding, kept under a server-made name (hatnhan.core.uploads)."""

    STORAGE_FOLDER = "inspections"

    finding = models.ForeignKey(
        Finding,
        verbose_name=_("nội dung phát hiện"),
        on_delete=models.PROTECT,
        related_name="files",
    )
    file = models.FileField(_("tệp"), upload_to=upload_to, max_length=255)
    file_name = models.CharField(_("tên tệp"), max_length=200)
    file_kind = models.CharField(_("loại tệp"), max_length=8, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    uploaded_by = user_field(_("người tải lên"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "finding__case__organization__path"
    restriction_access_setting = "INSPECTION_CASE_ACCESS"

    class Meta:
        verbose_name = _("tệp chứng cứ")
        verbose_name_plural = _("tệp chứng cứ")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.file_name


class Recommendation(models.Model):
    """A recommendation of the conclusion (kiến nghị, yêu cầu khắc phục) and the task that
    carries it out in the subject's organization (Task.source_ref points at the finding)."""

    finding = models.ForeignKey(
        Finding,
        verbose_name=_("nội dung phát hiện"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    text = models.TextField(_("kiến nghị, yêu cầu khắc phục"))
    task = models.OneToOneField(
        Task,
        verbose_name=_("nhiệm vụ khắc phục"),
        on_delete=models.PROTECT,
        related_name="inspection_recommendation",
    )
    created_by = user_field(_("người ghi"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "finding__case__organization__path"
    restriction_access_setting = "INSPECTION_CASE_ACCESS"

    class Meta:
        verbose_name = _("kiến nghị khắc phục")
        verbose_name_plural = _("kiến nghị khắc phục")
        ordering = ["finding", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Recheck(CaseRecord):
    """A re-check of the remediation (phúc tra), scheduled and later recorded."""

    case = models.ForeignKey(
        Case, verbose_name=_("cuộc kiểm tra"), on_delete=models.PROTECT, related_name="rechecks"
    )
    scheduled_on = models.DateField(_("ngày phúc tra dự kiến"))
    purpose = models.TextField(_("nội dung phúc tra"))
    done_on = models.DateField(_("ngày phúc tra"), null=True, blank=True)
    result = models.TextField(_("kết quả phúc tra"), blank=True)
    scheduled_by = user_field(_("người lên lịch"))
    recorded_by = user_field(_("người ghi kết quả"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("phúc tra")
        verbose_name_plural = _("phúc tra")
        ordering = ["scheduled_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | ~Q(result=""),
                name="inspection_recheck_done_has_result",
                violation_error_message=_("Phúc tra đã thực hiện phải ghi kết quả."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.scheduled_on}"


class SpotCheck(CaseRecord):
    """An administrative-discipline spot check at the subject agency on a day, against the
    checklist of INSPECTION_SPOT_CHECKLIST (copied into its results as it stood then)."""

    case = models.ForeignKey(
        Case, verbose_name=_("cuộc kiểm tra"), on_delete=models.PROTECT, related_name="spot_checks"
    )
    checked_on = models.DateField(_("ngày kiểm tra"))
    place = models.CharField(_("địa điểm, bộ phận"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = user_field(_("người ghi"))
    recorded_at = models.DateTimeField(_("thời điểm ghi"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("phiếu kiểm tra đột xuất")
        verbose_name_plural = _("phiếu kiểm tra đột xuất")
        ordering = ["-checked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case}: {self.checked_on}"


class ItemResult(models.TextChoices):
    PASSED = "passed", _("Đạt")
    FAILED = "failed", _("Không đạt")
    NOT_APPLICABLE = "not_applicable", _("Không áp dụng")


class SpotCheckResult(models.Model):
    """One checklist item's result in a spot check. The item's code and wording are copied so
    the record keeps reading as it was when the checklist setting changes."""

    spot_check = models.ForeignKey(
        SpotCheck,
        verbose_name=_("phiếu kiểm tra"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    item_code = models.CharField(_("mã tiêu chí"), max_length=32)
    item_label = models.CharField(_("tiêu chí"), max_length=500)
    result = models.CharField(_("kết quả"), max_length=16, choices=ItemResult.choices)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "spot_check__case__organization__path"
    restriction_access_setting = "INSPECTION_CASE_ACCESS"

    class Meta:
        verbose_name = _("kết quả tiêu chí")
        verbose_name_plural = _("kết quả tiêu chí")
        ordering = ["spot_check", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["spot_check", "item_code"],
                name="inspection_spot_item_once",
                violation_error_message=_("Tiêu chí này đã có kết quả trong phiếu."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_label}: {self.get_result_display()}"


class ReadWhat(models.TextChoices):
    CASE = "case", _("Trang cuộc kiểm tra")
    SUBJECT_VIEW = "subject_view", _("Trang phía đối tượng")
    DECISION_DOCX = "decision_docx", _("Tải quyết định kiểm tra")
    CONCLUSION_DOCX = "conclusion_docx", _("Tải thông báo kết luận")
    API = "api", _("Đọc qua API")
    FILE = "file", _("Tải tệp")


class CaseRead(CaseRecord):
    """Who read a case, when and what: every read, not only writes. Append-only; visible to
    the inspecting body (the same restriction as the case)."""

    case = models.ForeignKey(
        Case, verbose_name=_("cuộc kiểm tra"), on_delete=models.PROTECT, related_name="reads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đọc"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    what = models.CharField(_("nội dung đọc"), max_length=16, choices=ReadWhat.choices)
    detail = models.CharField(_("chi tiết"), max_length=255, blank=True)
    read_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("nhật ký đọc")
        verbose_name_plural = _("nhật ký đọc")
        ordering = ["-read_at", "-id"]
        indexes = [models.Index(fields=["case", "read_at"], name="inspection_read_case_at")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_what_display()} {self.read_at:%d/%m/%Y %H:%M}"
