from django.db import models
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet

PATH_SEGMENT_WIDTH = 7


class OrganizationKind(models.TextChoices):
    BLOC_COMMITTEE = "bloc_committee", _("Đảng bộ khối / cấp trên cơ sở")
    GRASSROOTS_COMMITTEE = "grassroots_committee", _("Đảng bộ cơ sở")
    GRASSROOTS_CELL = "grassroots_cell", _("Chi bộ cơ sở")
    SUB_COMMITTEE = "sub_committee", _("Đảng bộ bộ phận")
    CELL = "cell", _("Chi bộ trực thuộc")


class Organization(models.Model):
    """A node of the party organization tree. Levels are data: any depth, any names.

    `path` is the materialized path (ancestors' ids, fixed width) so that "this
    organization's subtree" is one indexed prefix filter on every database.
    """

    code = models.CharField(
        _("mã"),
        max_length=32,
        unique=True,
        error_messages={"unique": _("Mã tổ chức này đã được dùng cho một tổ chức khác.")},
    )
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=32, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tổ chức cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    agency_name = models.CharField(_("cơ quan, đơn vị lãnh đạo"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    search_text = models.CharField(max_length=600, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "path"

    class Meta:
        verbose_name = _("tổ chức đảng")
        verbose_name_plural = _("tổ chức đảng")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cell(self) -> bool:
        return self.kind in {OrganizationKind.CELL, OrganizationKind.GRASSROOTS_CELL}


class Term(models.Model):
    """A committee's electoral term (nhiệm kỳ), e.g. 2020–2025."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="terms"
    )
    name = models.CharField(_("nhiệm kỳ"), max_length=64)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="term_unique_name"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="term_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.name}"


class Holiday(models.Model):
    """A public holiday (or an observed day off) on which no one works: the working-day
    calendar's data (hatnhan.organizations.workdays). Weekends are never working days and
    are not listed. The whole system's, not one organization's: the root administrator keeps
    it (/settings/holidays/)."""

    date = models.DateField(
        _("ngày"),
        unique=True,
        error_messages={"unique": _("Ngày này đã có trong danh sách ngày nghỉ lễ.")},
    )
    name = models.CharField(_("tên ngày nghỉ"), max_length=128)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"
