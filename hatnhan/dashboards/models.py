"""The maintained pre-aggregate the dashboards read: one row per organization and month with
the counts behind every figure (numerators and denominators, never a rate), so that summing
rows over months and over a subtree gives exact figures, and a page reads a fixed number of
rows whatever the size of the record (docs/decisions.md, "Dashboards")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.organizations.models import Organization

# The count columns, in the order the verify command reports them. Each is the organization's
# own records only (not its subtree's): a subtree's figure is the sum over its rows.
COUNTS: tuple[str, ...] = (
    "tasks_due",  # due in the month by the as-of day, not cancelled
    "tasks_on_time",  # of those: accepted, reported (or accepted) by the due date
    "tasks_done",  # of those: accepted
    "tasks_overdue",  # of those: the owner is late on the as-of day (tasks.overdue_q)
    "tasks_overdue_days",  # sum over the overdue ones of the days past the due date
    "remediation_overdue",  # overdue ones arising from an inspection's recommendation
    "acceptance_count",  # accepted ones that had been reported done
    "acceptance_days",  # sum of the days from the report to the acceptance
    "briefings_due",  # the head's briefings due in the month by the as-of day
    "briefings_on_time",  # of those: filed by the due date
    "meetings_held",  # regular cell meetings held in the month
    "meetings_good",  # of those: rated Tốt
    "meetings_poor",  # of those: rated Kém
    "findings",  # inspection findings about the organization recorded in the month
    "findings_open",  # of those: their case is not closed yet
    "feedback_received",  # citizens' reports received in the month
    "feedback_answer_due",  # of those: answered, or past their answer limit on the as-of day
    "feedback_answered_in_time",  # of those: answered by the limit
    "feedback_substantiated",  # of those received: closed as substantiated
)


class MonthCounts(models.Model):
    """The counts of COUNTS for one organization and month."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("tháng"))  # the first day
    tasks_due = models.PositiveIntegerField(_("nhiệm vụ đến hạn"), default=0)
    tasks_on_time = models.PositiveIntegerField(_("nhiệm vụ đúng hạn"), default=0)
    tasks_done = models.PositiveIntegerField(_("nhiệm vụ đã nghiệm thu"), default=0)
    tasks_overdue = models.PositiveIntegerField(_("nhiệm vụ quá hạn"), default=0)
    tasks_overdue_days = models.PositiveIntegerField(_("tổng số ngày quá hạn"), default=0)
    remediation_overdue = models.PositiveIntegerField(_("nhiệm vụ khắc phục quá hạn"), default=0)
    acceptance_count = models.PositiveIntegerField(_("nhiệm vụ nghiệm thu sau báo cáo"), default=0)
    acceptance_days = models.PositiveIntegerField(_("tổng số ngày chờ nghiệm thu"), default=0)
    briefings_due = models.PositiveIntegerField(_("báo cáo đến hạn"), default=0)
    briefings_on_time = models.PositiveIntegerField(_("báo cáo đúng hạn"), default=0)
    meetings_held = models.PositiveIntegerField(_("cuộc sinh hoạt đã họp"), default=0)
    meetings_good = models.PositiveIntegerField(_("cuộc sinh hoạt tốt"), default=0)
    meetings_poor = models.PositiveIntegerField(_("cuộc sinh hoạt kém"), default=0)
    findings = models.PositiveIntegerField(_("phát hiện qua kiểm tra"), default=0)
    findings_open = models.PositiveIntegerField(_("phát hiện của cuộc chưa kết thúc"), default=0)
    feedback_received = models.PositiveIntegerField(_("phản ánh tiếp nhận"), default=0)
    feedback_answer_due = models.PositiveIntegerField(_("phản ánh đến hạn trả lời"), default=0)
    feedback_answered_in_time = models.PositiveIntegerField(
        _("phản ánh trả lời trong hạn"), default=0
    )
    feedback_substantiated = models.PositiveIntegerField(_("phản ánh đúng"), default=0)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"

    class Meta:
        abstract = True
        ordering = ["organization_id", "month"]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.month:%m/%Y}"

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTS}


class OrganizationMonth(MonthCounts):
    """The organization's own records (not its subtree's)."""

    class Meta(MonthCounts.Meta):
        verbose_name = _("số liệu tổng hợp theo tháng")
        verbose_name_plural = _("số liệu tổng hợp theo tháng")
        constraints = [
            models.UniqueConstraint(fields=["organization", "month"], name="orgmonth_unique")
        ]
        indexes = [models.Index(fields=["month", "organization"], name="orgmonth_month_org")]


class SubtreeMonth(MonthCounts):
    """The organization's whole subtree: the sum of the OrganizationMonth rows of it and of
    every organization below it, maintained with them. A page reads a subtree's figures from
    one row per month, however many organizations lie below (a province at national scale
    has thousands)."""

    class Meta(MonthCounts.Meta):
        verbose_name = _("số liệu tổng hợp theo tháng, cả cấp dưới")
        verbose_name_plural = _("số liệu tổng hợp theo tháng, cả cấp dưới")
        constraints = [
            models.UniqueConstraint(fields=["organization", "month"], name="subtreemonth_unique")
        ]


class Freshness(models.Model):
    """When the pre-aggregate was last brought up to date (one row). `as_of` is the local day
    its date-dependent counts (overdue, due by) were computed for; `audit_seq` the last audit
    event it has read, so the next refresh recomputes only what came after."""

    key = models.CharField(_("khóa"), max_length=16, unique=True, default="default")
    refreshed_at = models.DateTimeField(_("tính lúc"))
    as_of = models.DateField(_("tính đến ngày"))
    # The first month the refreshes keep (earlier months are not read: a period before it
    # says so instead of showing zeros).
    covers_from = models.DateField(_("từ tháng"), null=True, blank=True)
    audit_seq = models.PositiveBigIntegerField(_("sự kiện nhật ký đã đọc"), default=0)
    # One more at every refresh: the cached bloc pages are keyed on it (dashboards/fragments.py),
    # so a refresh of the stored months is never hidden by a page cached before it.
    generation = models.PositiveBigIntegerField(_("lần tính"), default=0)

    class Meta:
        verbose_name = _("thời điểm tính số liệu")
        verbose_name_plural = _("thời điểm tính số liệu")

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M} ({self.as_of})"
