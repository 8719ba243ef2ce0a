"""What the party organization leads by: directives from above, the year theme, its own
resolutions and the focus issues each resolution picks out of the agency's work."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.core.uploads import upload_to
from hatnhan.organizations.models import Organization


class IssuedRecord(models.Model):
    """What an organization issues for its whole tree: read by anyone holding a role beneath
    it (the cells below carry out the directives and resolutions from above)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_visible_below = True

    class Meta:
        abstract = True


class IssuedDocument(IssuedRecord):
    """An issued record with its document file (kept under a server-made name), searchable."""

    file_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    file_kind = models.CharField(_("loại tệp"), max_length=8, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    search_text = models.CharField(max_length=900, editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class DirectiveKind(models.TextChoices):
    RESOLUTION = "resolution", _("Nghị quyết")
    DIRECTIVE = "directive", _("Chỉ thị")
    CONCLUSION = "conclusion", _("Kết luận")
    PLAN = "plan", _("Kế hoạch")
    GUIDANCE = "guidance", _("Hướng dẫn")
    REGULATION = "regulation", _("Quy định")
    DECISION = "decision", _("Quyết định")
    OTHER = "other", _("Văn bản khác")


class Directive(IssuedDocument):
    """A document from above (văn bản chỉ đạo), cited by its number and symbol as written.

    Recorded at an organization (usually the bloc committee) and readable by its whole
    subtree, which carries it out."""

    STORAGE_FOLDER = "directives"

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức ghi nhận"),
        on_delete=models.PROTECT,
        related_name="directives",
    )
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DirectiveKind.choices)
    number_symbol = models.CharField(
        _("số, ký hiệu"), max_length=64, help_text=_("Như trên văn bản, ví dụ 05-CT/TW, 26/CT-TTg.")
    )
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    summary = models.TextField(_("nội dung chính"), blank=True)
    file = models.FileField(_("tệp văn bản"), upload_to=upload_to, blank=True, max_length=255)
    is_active = models.BooleanField(_("còn hiệu lực"), default=True)

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number_symbol", "issued_on"],
                name="directive_unique_number",
                violation_error_message=_("Văn bản có số, ký hiệu và ngày này đã được ghi nhận."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number_symbol}"


class YearTheme(IssuedRecord):
    """The year theme (chủ đề năm) an organization sets for its whole tree."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="year_themes",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("chủ đề"), max_length=500)
    note = models.TextField(_("ghi chú"), blank=True)
    directives = models.ManyToManyField(
        Directive, verbose_name=_("gắn với văn bản"), blank=True, related_name="year_themes"
    )

    class Meta:
        verbose_name = _("chủ đề năm")
        verbose_name_plural = _("chủ đề năm")
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="year_theme_one_per_year",
                violation_error_message=_("Tổ chức này đã có chủ đề cho năm này."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1930) & Q(year__lte=2200),
                name="year_theme_year_range",
                violation_error_message=_("Năm không hợp lệ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"


class ResolutionKind(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    ANNUAL = "annual", _("Hằng năm")
    THEMATIC = "thematic", _("Chuyên đề")


class Resolution(IssuedDocument):
    """A resolution (nghị quyết) of an organization: what it will lead in a period."""

    STORAGE_FOLDER = "resolutions"

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=ResolutionKind.choices)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    adopted_on = models.DateField(_("ngày ban hành"))
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    content = models.TextField(_("nội dung"), blank=True)
    year_theme = models.ForeignKey(
        YearTheme,
        verbose_name=_("chủ đề năm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    directives = models.ManyToManyField(
        Directive, verbose_name=_("thực hiện văn bản"), blank=True, related_name="resolutions"
    )
    file = models.FileField(_("tệp nghị quyết"), upload_to=upload_to, blank=True, max_length=255)

    class Meta:
        verbose_name = _("nghị quyết")
        verbose_name_plural = _("nghị quyết")
        ordering = ["-adopted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="resolution_period_order",
                violation_error_message=_("Ngày kết thúc kỳ phải sau ngày bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} {self.title}".strip()


class FocusLevel(models.TextChoices):
    KEY = "key", _("Trọng tâm")
    CRITICAL = "critical", _("Then chốt")
    PRESSING = "pressing", _("Bức xúc")


class FocusIssue(IssuedRecord):
    """A focus issue (vấn đề trọng tâm, then chốt, bức xúc) a resolution picks to lead."""

    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("nghị quyết"),
        on_delete=models.PROTECT,
        related_name="focus_issues",
    )
    # The resolution's organization, copied so lists filter and restrict without a join.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="focus_issues",
        editable=False,
    )
    title = models.CharField(_("vấn đề"), max_length=500)
    description = models.TextField(_("mô tả, mục tiêu"), blank=True)
    level = models.CharField(_("mức độ"), max_length=16, choices=FocusLevel.choices)
    directives = models.ManyToManyField(
        Directive, verbose_name=_("thực hiện văn bản"), blank=True, related_name="focus_issues"
    )
    year_theme = models.ForeignKey(
        YearTheme,
        verbose_name=_("chủ đề năm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="focus_issues",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    search_text = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        verbose_name = _("vấn đề trọng tâm")
        verbose_name_plural = _("vấn đề trọng tâm")
        ordering = ["resolution_id", "position", "id"]

    def __str__(self) -> str:
        return self.title
