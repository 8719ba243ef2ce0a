"""Party discipline (kỷ luật đảng): decisions on members and organizations, the corrections
that alone annul or amend them, and the state body's discipline of a party member with its
notice to the party organization. REGULATIONS.md §3 holds the clauses."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.inspections.models import Case
from hatnhan.members.models import CommitteeSeat, Member
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import user_field


class DisciplineForm(models.TextChoices):
    """The forms of QĐ 69-QĐ/TW (2022, amended by 264-QĐ/TW, 2025), Art. 7; the glossary's
    English names."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DISMISSAL = "dismissal", _("Cách chức")
    EXPULSION = "expulsion", _("Khai trừ")
    DISSOLUTION = "dissolution", _("Giải tán")


# QĐ 69 Art. 7: which forms apply to which subject.
ORGANIZATION_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DISSOLUTION)
FULL_MEMBER_FORMS = (
    DisciplineForm.REPRIMAND,
    DisciplineForm.WARNING,
    DisciplineForm.DISMISSAL,
    DisciplineForm.EXPULSION,
)
PROBATIONARY_MEMBER_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING)
# Lightest first: the year's "worst" discipline is the highest rank (QĐ 124 Art. 12 reads
# "cảnh cáo or higher" for a collective's leadership).
SEVERITY = {
    DisciplineForm.REPRIMAND: 1,
    DisciplineForm.WARNING: 2,
    DisciplineForm.DISMISSAL: 3,
    DisciplineForm.EXPULSION: 4,
    DisciplineForm.DISSOLUTION: 4,
}
# Forms whose consequence the deciding service records (a member expelled, a seat ended, an
# organization dissolved): an amendment cannot move into or out of them (annul, then decide).
CONSEQUENTIAL_FORMS = (
    DisciplineForm.DISMISSAL,
    DisciplineForm.EXPULSION,
    DisciplineForm.DISSOLUTION,
)


class DecisionStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Có hiệu lực")
    ANNULLED = "annulled", _("Đã hủy bỏ")


class DisciplineDecision(models.Model):
    """A discipline decision of a party body on a member or on an organization (one of the
    two). Never edited: it is annulled or amended only by a recorded DisciplineCorrection."""

    number = models.CharField(
        _("số, ký hiệu"), max_length=64, help_text=_("Như trên quyết định, ví dụ 05-QĐ/UBKT.")
    )
    decided_on = models.DateField(_("ngày quyết định"))
    deciding_body = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan quyết định"),
        on_delete=models.PROTECT,
        related_name="discipline_decided",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên bị kỷ luật"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discipline_decisions",
    )
    subject_organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức bị kỷ luật"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discipline_received",
    )
    # Where the decision is filed and read: the subject's organization when decided (the
    # member's, or the organization itself), so the subject's own committee reads it.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="discipline_filed",
        editable=False,
    )
    was_probationary = models.BooleanField(_("đảng viên dự bị khi bị kỷ luật"), default=False)
    form = models.CharField(_("hình thức kỷ luật"), max_length=16, choices=DisciplineForm.choices)
    reason = models.TextField(_("lý do, vi phạm"))
    effective_on = models.DateField(_("ngày có hiệu lực"))
    self_reported = models.BooleanField(
        _("tự phát hiện, tự báo cáo"),
        default=False,
        help_text=_(
            "Đảng viên tự phát hiện, tự báo cáo và khắc phục vi phạm (Quy định 124-QĐ/TW, Điều 12)."
        ),
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("cuộc kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discipline_decisions",
        help_text=_("Cuộc kiểm tra, giám sát dẫn đến quyết định (nếu có)."),
    )
    seat = models.ForeignKey(
        CommitteeSeat,
        verbose_name=_("chức vụ bị cách"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dismissals",
    )
    # The member's status before an expulsion, so an annulment can give it back.
    previous_status = models.CharField(
        _("tình trạng trước khai trừ"), max_length=20, blank=True, editable=False
    )
    status = models.CharField(
        _("hiệu lực"),
        max_length=16,
        choices=DecisionStatus.choices,
        default=DecisionStatus.IN_FORCE,
        editable=False,
    )
    search_text = models.CharField(max_length=600, editable=False, default="")
    created_by = user_field(_("người ghi"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_owner = "member"

    class Meta:
        verbose_name = _("quyết định kỷ luật")
        verbose_name_plural = _("quyết định kỷ luật")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, subject_organization__isnull=True)
                | Q(member__isnull=True, subject_organization__isnull=False),
                name="discipline_one_subject",
                violation_error_message=_("Chọn một đối tượng: đảng viên hoặc tổ chức đảng."),
            ),
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("decided_on")),
                name="discipline_effective_after_decided",
                violation_error_message=_("Ngày có hiệu lực không được trước ngày quyết định."),
            ),
            models.UniqueConstraint(
                fields=["deciding_body", "number", "decided_on"],
                name="discipline_unique_number",
                violation_error_message=_("Quyết định có số và ngày này đã được ghi nhận."),
            ),
        ]
        indexes = [models.Index(fields=["organization", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.number} — {self.get_form_display()} {self.subject}"

    @property
    def subject(self) -> Member | Organization:
        return self.member if self.member_id else self.subject_organization  # type: ignore[return-value]

    @property
    def in_force(self) -> bool:
        return self.status == DecisionStatus.IN_FORCE

    @property
    def severity(self) -> int:
        return SEVERITY[DisciplineForm(self.form)]


class CorrectionKind(models.TextChoices):
    ANNULMENT = "annulment", _("Hủy bỏ quyết định")
    AMENDMENT = "amendment", _("Sửa đổi quyết định")


class DisciplineCorrection(models.Model):
    """The one way a decision changes: a later decision (on a complaint, or the body's own
    review) that annuls it or amends its form, reason or effective date, with what it
    changed."""

    decision = models.ForeignKey(
        DisciplineDecision,
        verbose_name=_("quyết định kỷ luật"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    kind = models.CharField(_("loại"), max_length=16, choices=CorrectionKind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=64)
    decided_on = models.DateField(_("ngày quyết định"))
    deciding_body = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan quyết định"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("lý do"))
    changes = models.JSONField(_("nội dung sửa đổi"), default=dict, blank=True, editable=False)
    created_by = user_field(_("người ghi"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_owner = "decision__member"

    class Meta:
        verbose_name = _("quyết định hủy bỏ, sửa đổi")
        verbose_name_plural = _("quyết định hủy bỏ, sửa đổi")
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class StateDisciplineForm(models.TextChoices):
    """The state's forms for cadres and civil servants (Luật Cán bộ, công chức)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY_DOWNGRADE = "salary_downgrade", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    DISMISSAL = "dismissal", _("Cách chức")
    DISCHARGE = "discharge", _("Buộc thôi việc")


class StateDiscipline(models.Model):
    """Discipline a state body (chính quyền) decided for a party member, and when it told the
    party organization: QĐ 296-QĐ/TW (REGULATIONS.md §3) — within
    DISCIPLINE_STATE_NOTICE_DAYS; a notice after `notice_due_on`, or none by then, is late."""

    member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên"),
        on_delete=models.PROTECT,
        related_name="state_disciplines",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="state_disciplines",
        editable=False,
    )
    state_body = models.CharField(_("cơ quan nhà nước quyết định"), max_length=255)
    number = models.CharField(_("số, ký hiệu"), max_length=64)
    decided_on = models.DateField(_("ngày quyết định"))
    form = models.CharField(
        _("hình thức kỷ luật"), max_length=20, choices=StateDisciplineForm.choices
    )
    reason = models.TextField(_("lý do"), blank=True)
    notified_on = models.DateField(_("ngày thông báo cho tổ chức đảng"), null=True, blank=True)
    notice_due_on = models.DateField(_("hạn thông báo"), editable=False)
    created_by = user_field(_("người ghi"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_owner = "member"

    class Meta:
        verbose_name = _("kỷ luật chính quyền")
        verbose_name_plural = _("kỷ luật chính quyền")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notified_on__isnull=True) | Q(notified_on__gte=models.F("decided_on")),
                name="state_discipline_notice_after_decision",
                violation_error_message=_("Ngày thông báo không được trước ngày quyết định."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.state_body} {self.number} — {self.get_form_display()} {self.member}"

    def is_late(self, today: dt.date | None = None) -> bool:
        if self.notified_on is not None:
            return self.notified_on > self.notice_due_on
        return (today or timezone.localdate()) > self.notice_due_on
