"""The year-end review: rulebooks as data, rounds, and one evaluation row per member or
organization.

A rulebook (QĐ 366 + HD 43, QĐ 124 + HD 25, a province's own frame) is rows of `Rule`, each
with its clause and its parameters; the engine (engine.py) reads them and knows no regulation
by name. A round computes each row's metrics from the record and the rules' proposal; people
then enter the self-assessment, the committee's general score, the meeting's view and the
final level, which a recomputation keeps."""

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import user_field


class Level(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


# Highest first: a cap "no higher than X" keeps the levels from X down.
LEVEL_ORDER = [Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED]


def level_rank(level: str) -> int:
    """0 for excellent … 3 for not completed."""
    return LEVEL_ORDER.index(Level(level))


class SubjectKind(models.TextChoices):
    MEMBER = "member", _("Đảng viên")
    ORGANIZATION = "organization", _("Tổ chức đảng")


class Subjects(models.TextChoices):
    MEMBERS = "members", _("Đảng viên")
    ORGANIZATIONS = "organizations", _("Tổ chức đảng")
    BOTH = "both", _("Đảng viên và tổ chức đảng")


class RuleKind(models.TextChoices):
    EXCLUSION = "exclusion", _("Không đánh giá")
    LEVEL = "level", _("Mức xếp loại")
    CAP = "cap", _("Giới hạn mức")
    QUOTA = "quota", _("Tỷ lệ tối đa")


class Rulebook(models.Model):
    """A regulation's frame for the review, with the years it applies to."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    valid_from = models.PositiveSmallIntegerField(_("áp dụng từ năm"))
    valid_to = models.PositiveSmallIntegerField(_("áp dụng đến năm"), null=True, blank=True)
    description = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bộ quy định đánh giá")
        verbose_name_plural = _("bộ quy định đánh giá")
        ordering = ["-valid_from", "code"]

    def __str__(self) -> str:
        return self.name

    def applies_to(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


class Rule(models.Model):
    """One rule of a rulebook: what it concerns, its clause, and its parameters (thresholds,
    conditions, exclusions, caps, quotas; docs in engine.py)."""

    rulebook = models.ForeignKey(
        Rulebook, verbose_name=_("bộ quy định"), on_delete=models.CASCADE, related_name="rules"
    )
    code = models.SlugField(_("mã"), max_length=60)
    subject = models.CharField(_("đối tượng"), max_length=12, choices=SubjectKind.choices)
    kind = models.CharField(_("loại quy tắc"), max_length=10, choices=RuleKind.choices)
    level = models.CharField(_("mức"), max_length=14, choices=Level.choices, blank=True)
    clause = models.CharField(_("căn cứ"), max_length=255)
    summary = models.TextField(_("nội dung"))
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("quy tắc đánh giá")
        verbose_name_plural = _("quy tắc đánh giá")
        ordering = ["rulebook", "subject", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rulebook", "code"], name="evaluation_rule_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.clause})"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa tính")
    COMPUTING = "computing", _("Đang tính")
    COMPUTED = "computed", _("Đã tính, đang đánh giá")
    LOCKED = "locked", _("Đã chốt")
    FAILED = "failed", _("Tính lỗi")


class Round(models.Model):
    """A review of an organization's subtree over a period (a year, a quarter, any range)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="evaluation_rounds",
    )
    title = models.CharField(_("tên đợt"), max_length=255, blank=True)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    rulebook = models.ForeignKey(
        Rulebook, verbose_name=_("bộ quy định"), on_delete=models.PROTECT, related_name="rounds"
    )
    subjects = models.CharField(
        _("đối tượng"), max_length=14, choices=Subjects.choices, default=Subjects.MEMBERS
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    progress = models.PositiveIntegerField(_("đã tính"), default=0)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    task_id = models.CharField(_("mã tác vụ nền"), max_length=64, blank=True)
    computed_at = models.DateTimeField(_("tính lúc"), null=True, blank=True)
    quota_notes = models.JSONField(_("kiểm tra tỷ lệ"), default=list, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_by = user_field(_("người lập"))
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)
    locked_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)
    locked_by = user_field(_("người chốt"))

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"

    class Meta:
        verbose_name = _("đợt đánh giá")
        verbose_name_plural = _("đợt đánh giá")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="evaluation_round_period",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            )
        ]

    def __str__(self) -> str:
        return (
            self.title
            or f"{self.organization} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"
        )

    def get_absolute_url(self) -> str:
        return reverse("evaluations:round", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == RoundStatus.LOCKED

    @property
    def percent(self) -> int:
        return int(100 * self.progress / self.total) if self.total else 0

    @property
    def warnings(self) -> list[str]:
        """Visible on the round, in the API and on each document: a rulebook outside its years."""
        years = range(self.period_start.year, self.period_end.year + 1)
        if all(self.rulebook.applies_to(y) for y in years):
            return []
        until = self.rulebook.valid_to or "nay"
        return [
            str(
                _(
                    "Bộ quy định “%(name)s” áp dụng cho các năm %(start)s–%(end)s, "
                    "không phải kỳ này."
                )
                % {"name": self.rulebook.name, "start": self.rulebook.valid_from, "end": until}
            )
        ]

    def wants(self, kind: str) -> bool:
        return self.subjects == Subjects.BOTH or self.subjects == f"{kind}s"


class Stage(models.TextChoices):
    COMPUTED = "computed", _("Đã tính từ dữ liệu")
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    REVIEWED = "reviewed", _("Cấp ủy đã nhận xét")
    MEETING = "meeting", _("Hội nghị đã góp ý")
    DECIDED = "decided", _("Đã quyết định")


class SelfForm(models.TextChoices):
    FORM_2A = "2A", _("Mẫu 2A — đảng viên giữ chức vụ lãnh đạo, quản lý")
    FORM_2B = "2B", _("Mẫu 2B — đảng viên không giữ chức vụ")
    FORM_2C = "2C", _("Mẫu 2C — đảng viên không làm việc trong hệ thống chính trị")


class Evaluation(models.Model):
    """One member's or organization's review in a round. `unit` is the organization the row
    belongs to (the member's cell, or the organization itself): the restriction reads it."""

    round = models.ForeignKey(
        Round, verbose_name=_("đợt đánh giá"), on_delete=models.CASCADE, related_name="evaluations"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức được đánh giá"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    unit = models.ForeignKey(
        Organization, verbose_name=_("thuộc tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    sort_key = models.CharField(max_length=400, editable=False, default="")
    excluded = models.BooleanField(_("không đánh giá"), default=False)
    excluded_reason = models.CharField(_("lý do không đánh giá"), max_length=255, blank=True)
    metrics = models.JSONField(_("số liệu"), default=dict, blank=True)
    records = models.JSONField(_("hồ sơ căn cứ"), default=dict, blank=True)
    task_score = models.DecimalField(
        _("điểm kết quả nhiệm vụ"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    general_score = models.PositiveSmallIntegerField(
        _("điểm tiêu chí chung"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )
    total_score = models.DecimalField(
        _("tổng điểm"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    proposed_level = models.CharField(
        _("mức đề xuất theo dữ liệu"), max_length=14, choices=Level.choices, blank=True
    )
    committee_level = models.CharField(
        _("mức cấp ủy đề xuất"), max_length=14, choices=Level.choices, blank=True
    )
    meeting_level = models.CharField(
        _("mức hội nghị đề xuất"), max_length=14, choices=Level.choices, blank=True
    )
    final_level = models.CharField(
        _("mức xếp loại"), max_length=14, choices=Level.choices, blank=True
    )
    stage = models.CharField(
        _("bước"), max_length=14, choices=Stage.choices, default=Stage.COMPUTED
    )
    self_form = models.CharField(
        _("mẫu tự kiểm điểm"), max_length=2, choices=SelfForm.choices, blank=True
    )
    self_strengths = models.TextField(_("ưu điểm"), blank=True)
    self_weaknesses = models.TextField(_("hạn chế, khuyết điểm"), blank=True)
    self_remedies = models.TextField(_("biện pháp khắc phục"), blank=True)
    self_general_score = models.PositiveSmallIntegerField(
        _("tự chấm tiêu chí chung"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )
    self_level = models.CharField(
        _("tự xếp loại"), max_length=14, choices=Level.choices, blank=True
    )
    self_assessed_at = models.DateTimeField(_("tự đánh giá lúc"), null=True, blank=True)
    committee_comment = models.TextField(_("nhận xét của cấp ủy"), blank=True)
    reviewed_by = user_field(_("người ghi nhận xét"))
    reviewed_at = models.DateTimeField(_("nhận xét lúc"), null=True, blank=True)
    meeting_note = models.TextField(_("ý kiến hội nghị"), blank=True)
    decision_reason = models.TextField(_("lý do quyết định"), blank=True)
    decided_by = user_field(_("người quyết định"))
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    explanation = models.JSONField(_("quy tắc đã áp dụng"), default=list, blank=True)
    # The engine's digest of the computed fields as last written (engine.digest): a
    # recomputation compares it instead of reading every row's JSON back.
    computed_digest = models.CharField(
        _("mã kiểm tra kết quả tính"), max_length=32, blank=True, default="", editable=False
    )

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "unit__path"
    restriction_owner = "member"

    class Meta:
        verbose_name = _("kết quả đánh giá")
        verbose_name_plural = _("kết quả đánh giá")
        ordering = ["round", "sort_key", "id"]
        constraints = [
            # Not partial: the engine's upsert names these columns, and NULLs never clash.
            models.UniqueConstraint(fields=["round", "member"], name="evaluation_one_per_member"),
            models.UniqueConstraint(
                fields=["round", "organization"], name="evaluation_one_per_organization"
            ),
            models.CheckConstraint(
                condition=(Q(member__isnull=False) & Q(organization__isnull=True))
                | (Q(member__isnull=True) & Q(organization__isnull=False)),
                name="evaluation_member_or_organization",
                violation_error_message=_(
                    "Một dòng đánh giá là của một đảng viên hoặc một tổ chức."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.member or self.organization)

    def get_absolute_url(self) -> str:
        return reverse("evaluations:row", args=[self.pk])

    @property
    def subject_kind(self) -> str:
        return SubjectKind.MEMBER if self.member_id else SubjectKind.ORGANIZATION

    @property
    def failed_rules(self) -> list[dict[str, Any]]:
        return [r for r in self.explanation if not r.get("passed")]
