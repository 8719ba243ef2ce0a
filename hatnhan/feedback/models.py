"""Citizens' reports about officials who harass them (phản ánh, kiến nghị; REGULATIONS.md §4).

A person or business reports without an account, on the agency's public page; the report is
routed to the agency's grassroots organization, triaged by a handler within a limit counted in
working days (hatnhan.organizations.workdays, the limits are settings), answered in words for
the person, possibly turned into a task or an inspection case, and closed with whether it was
substantiated. The person follows it with a receipt code and a secret kept only as a hash.

Who reported is kept secret (Luật Tố cáo 2018 Art. 47): name, contact and identifying details
are encrypted at rest (hatnhan.core.crypto) and shown only to a handler a custodian approved,
each view logged. They are never part of an audit snapshot (AUDITED_FIELDS)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.crypto import EncryptedTextField
from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.core.uploads import upload_to
from hatnhan.inspections.models import Case
from hatnhan.members.models import Member
from hatnhan.organizations.models import Organization
from hatnhan.tasks.models import Task, user_field


class Category(models.TextChoices):
    """What happened (the article: "gây phiền hà, nhũng nhiễu")."""

    HARASSMENT = "harassment", _("Gây phiền hà, sách nhiễu")
    EXTORTION = "extortion", _("Nhũng nhiễu, vòi vĩnh")
    DELAY = "delay", _("Chậm giải quyết quá thời hạn quy định")
    ATTITUDE = "attitude", _("Thái độ, tác phong")
    OTHER = "other", _("Khác")


class Status(models.TextChoices):
    # TO_VERIFY: filed without the page's proof of work (no JavaScript, or a script): the
    # slower queue a handler looks at after the verified ones.
    TO_VERIFY = "to_verify", _("Chờ xác minh")
    RECEIVED = "received", _("Đã tiếp nhận")
    TRIAGED = "triaged", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã kết thúc")


AWAITING_TRIAGE = (Status.TO_VERIFY, Status.RECEIVED)


class FeedbackReport(models.Model):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức đảng tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="feedback_reports",
    )
    receipt_code = models.CharField(_("mã tiếp nhận"), max_length=16, unique=True)
    secret_hash = models.CharField(_("mã bí mật (đã băm)"), max_length=256, editable=False)
    category = models.CharField(_("nội dung phản ánh"), max_length=16, choices=Category.choices)
    description = models.TextField(_("sự việc"))
    procedure = models.CharField(_("thủ tục hành chính"), max_length=255, blank=True)
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=64, blank=True)
    happened_on = models.DateField(_("ngày xảy ra"), null=True, blank=True)
    place = models.CharField(_("nơi xảy ra"), max_length=255, blank=True)
    official = models.CharField(
        _("cán bộ bị phản ánh (tên hoặc vị trí)"), max_length=255, blank=True
    )
    official_member = models.ForeignKey(
        Member,
        verbose_name=_("đảng viên bị phản ánh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who reported: encrypted at rest, masked everywhere but the approved handler's view.
    reporter_name = EncryptedTextField(_("họ tên người phản ánh"), null=True, blank=True)
    reporter_contact = EncryptedTextField(_("liên hệ của người phản ánh"), null=True, blank=True)
    reporter_details = EncryptedTextField(_("thông tin nhận dạng khác"), null=True, blank=True)
    wants_contact = models.BooleanField(_("đề nghị liên hệ lại"), default=False)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), default=timezone.now)
    received_on = models.DateField(_("ngày tiếp nhận"))
    triage_due = models.DateField(_("hạn phân loại"))
    triaged_at = models.DateTimeField(_("thời điểm phân loại"), null=True, blank=True)
    triaged_by = user_field(_("người phân loại"))
    triage_note = models.TextField(_("ghi chú phân loại"), blank=True)
    answer_due = models.DateField(_("hạn trả lời"), null=True, blank=True)
    answer = models.TextField(_("trả lời người phản ánh"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = user_field(_("người trả lời"))
    answer_days = models.PositiveIntegerField(
        _("số ngày làm việc đến khi trả lời"), null=True, blank=True
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("cuộc kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    closed_by = user_field(_("người kết thúc"))
    substantiated = models.BooleanField(_("phản ánh đúng"), null=True, blank=True)
    outcome = models.TextField(_("kết quả xử lý"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"
    restriction_access_setting = "FEEDBACK_ACCESS"

    class Meta:
        verbose_name = _("phản ánh của người dân")
        verbose_name_plural = _("phản ánh của người dân")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "triage_due"], name="feedback_status_due")]

    def __str__(self) -> str:
        return self.receipt_code

    @property
    def ref(self) -> str:
        """How a task points back here (Task.source_ref)."""
        return f"feedback.feedbackreport:{self.pk}"


IDENTITY_FIELDS = ("reporter_name", "reporter_contact", "reporter_details")
# Whether the person left anything identifying (empty is stored as NULL: an encrypted column
# answers no lookup but isnull).
IDENTITY_LEFT = (
    models.Q(reporter_name__isnull=False)
    | models.Q(reporter_contact__isnull=False)
    | models.Q(reporter_details__isnull=False)
)
# What the audit trail keeps of a report: never who reported, never the secret's hash.
AUDITED_FIELDS = [
    f.attname
    for f in FeedbackReport._meta.concrete_fields
    if not f.primary_key and f.name not in {*IDENTITY_FIELDS, "secret_hash", "updated_at"}
]


class ReportRecord(models.Model):
    """What belongs to a report: read by whoever may read the report."""

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "report__organization__path"
    restriction_access_setting = "FEEDBACK_ACCESS"

    class Meta:
        abstract = True


class FeedbackFile(ReportRecord):
    """A photo or document the person attached, kept under a server-made name."""

    STORAGE_FOLDER = "feedback"

    report = models.ForeignKey(
        FeedbackReport, verbose_name=_("phản ánh"), on_delete=models.PROTECT, related_name="files"
    )
    file = models.FileField(_("tệp"), upload_to=upload_to, max_length=255)
    file_name = models.CharField(_("tên tệp"), max_length=200)
    file_kind = models.CharField(_("loại tệp"), max_length=8, editable=False)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    created_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("tệp kèm phản ánh")
        verbose_name_plural = _("tệp kèm phản ánh")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.file_name


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Chờ quyết định")
    APPROVED = "approved", _("Đồng ý")
    REFUSED = "refused", _("Từ chối")


class IdentityRequest(ReportRecord):
    """A handler asks, with a reason, to see who reported; a custodian decides."""

    report = models.ForeignKey(
        FeedbackReport,
        verbose_name=_("phản ánh"),
        on_delete=models.PROTECT,
        related_name="identity_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("lý do"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = user_field(_("người quyết định"))
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến của người quyết định"), blank=True)
    created_at = models.DateTimeField(_("đề nghị lúc"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("đề nghị xem danh tính người phản ánh")
        verbose_name_plural = _("đề nghị xem danh tính người phản ánh")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} — {self.get_status_display()}"


class IdentityView(ReportRecord):
    """Each time an approved handler opened the reporter's identity."""

    report = models.ForeignKey(
        FeedbackReport,
        verbose_name=_("phản ánh"),
        on_delete=models.PROTECT,
        related_name="identity_views",
    )
    request = models.ForeignKey(
        IdentityRequest, verbose_name=_("đề nghị"), on_delete=models.PROTECT, related_name="views"
    )
    viewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    viewed_at = models.DateTimeField(_("xem lúc"), default=timezone.now)
    channel = models.CharField(_("xem qua"), max_length=8, default="page")

    class Meta:
        verbose_name = _("lượt xem danh tính người phản ánh")
        verbose_name_plural = _("lượt xem danh tính người phản ánh")
        ordering = ["-viewed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} — {self.viewed_at:%d/%m/%Y %H:%M}"
