from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.organizations.models import Organization, Term


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Đang sinh hoạt")
    TRANSFERRED_OUT = "transferred_out", _("Đã chuyển sinh hoạt đi")
    SUSPENDED = "suspended", _("Tạm đình chỉ sinh hoạt")
    EXEMPT = "exempt", _("Miễn sinh hoạt")
    DECEASED = "deceased", _("Đã từ trần")
    EXPELLED = "expelled", _("Đã khai trừ")


# What an organization's member count counts, wherever it is shown (the tree, the home page,
# the API's `member_count`): members "đang sinh hoạt". Suspended and exempt members still
# belong, but take no part in the cell's life; the member list shows them by status.
COUNTED_STATUSES = (MemberStatus.ACTIVE,)


class Member(models.Model):
    """A party member (đảng viên). Probationary while the full-membership date is empty."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    party_card_number = models.CharField(
        _("số thẻ đảng viên"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("Số thẻ đảng viên này đã có trong hệ thống.")},
    )
    probationary_date = models.DateField(_("ngày vào Đảng (dự bị)"), null=True, blank=True)
    full_membership_date = models.DateField(_("ngày chính thức"), null=True, blank=True)
    post = models.CharField(_("chức vụ chính quyền"), max_length=255, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("chi bộ / tổ chức"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    sort_key = models.CharField(max_length=400, editable=False, default="", db_index=True)
    search_text = models.CharField(max_length=255, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_owner = "pk"

    class Meta:
        verbose_name = _("đảng viên")
        verbose_name_plural = _("đảng viên")
        ordering = ["sort_key", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(full_membership_date__isnull=True)
                | Q(probationary_date__isnull=True)
                | Q(full_membership_date__gte=models.F("probationary_date")),
                name="member_full_after_probationary",
                violation_error_message=_("Ngày chính thức phải sau ngày vào Đảng (dự bị)."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_probationary(self) -> bool:
        return self.full_membership_date is None


class MemberTransfer(models.Model):
    """A move between organizations, kept forever: the member's history of where they belonged."""

    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="transfers"
    )
    from_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("từ")
    )
    to_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("đến")
    )
    date = models.DateField(_("ngày chuyển"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "member__organization__path"
    restriction_owner = "member"

    class Meta:
        verbose_name = _("chuyển sinh hoạt")
        verbose_name_plural = _("chuyển sinh hoạt")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.member}: {self.from_organization} → {self.to_organization}"


class SeatRole(models.TextChoices):
    SECRETARY = "secretary", _("Bí thư")
    DEPUTY_SECRETARY = "deputy_secretary", _("Phó Bí thư")
    STANDING = "standing", _("Ủy viên Ban Thường vụ")
    COMMITTEE = "committee", _("Cấp ủy viên")


class CommitteeSeat(models.Model):
    """A member's seat on an organization's committee for a term."""

    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="seats"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("tổ chức"), on_delete=models.PROTECT, related_name="seats"
    )
    role = models.CharField(_("chức danh"), max_length=20, choices=SeatRole.choices)
    term = models.ForeignKey(
        Term,
        verbose_name=_("nhiệm kỳ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seats",
    )
    is_agency_head = models.BooleanField(
        _("đồng thời là thủ trưởng cơ quan"),
        default=False,
        help_text=_("Nhất thể hóa bí thư cấp ủy và người đứng đầu cơ quan (Nghị quyết 18-NQ/TW)."),
    )
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_owner = "member"

    class Meta:
        verbose_name = _("chức danh cấp ủy")
        verbose_name_plural = _("cấp ủy")
        ordering = ["organization_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "role"],
                condition=Q(role="secretary", end_date__isnull=True),
                name="seat_one_sitting_secretary",
                violation_error_message=_("Tổ chức này đã có bí thư đương nhiệm."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="seat_end_after_start",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.member} ({self.organization.code})"

    @property
    def is_current(self) -> bool:
        return self.end_date is None
