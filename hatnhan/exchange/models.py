import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hatnhan.core.restrict import RestrictedQuerySet
from hatnhan.organizations.models import Organization


def import_file_name(instance: "ImportBatch", filename: str) -> str:
    """A server-made name: the client's file name never reaches the file system."""
    return f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.xlsx"


class ImportStatus(models.TextChoices):
    PLANNING = "planning", _("Đang đọc tệp")
    READY = "ready", _("Chờ xác nhận")
    INVALID = "invalid", _("Có lỗi, không nhập")
    APPLYING = "applying", _("Đang nhập")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Thất bại")
    CANCELLED = "cancelled", _("Đã hủy")


RUNNING_STATUSES = {ImportStatus.PLANNING, ImportStatus.APPLYING}


class ImportBatch(models.Model):
    """One uploaded member list: its preview (the plan), then its application on confirmation."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        related_name="import_batches",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("tệp"), upload_to=import_file_name, max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    create_cells = models.BooleanField(_("tạo chi bộ chưa có"), default=False)
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=ImportStatus.choices,
        default=ImportStatus.PLANNING,
    )
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    processed_rows = models.PositiveIntegerField(_("đã xử lý"), default=0)
    # The preview: counts, every error with its row and column, the first planned rows.
    summary = models.JSONField(_("xem trước"), default=dict, blank=True)
    # Hash of the planned changes shown in the preview; confirmation applies only that plan.
    fingerprint = models.CharField(_("dấu của bản xem trước"), max_length=64, blank=True)
    # Conflict rows ("sheet:row") the confirming user chose to update anyway; others skip.
    overwrite = models.JSONField(_("dòng vẫn cập nhật dù khác người"), default=list, blank=True)
    # The queued background task (django_tasks_db id), to tell when no worker takes it.
    task_id = models.CharField(_("tác vụ nền"), max_length=64, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    message = models.TextField(_("thông báo"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction_path = "organization__path"

    class Meta:
        verbose_name = _("lượt nhập danh sách")
        verbose_name_plural = _("lượt nhập danh sách")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name or self.file.name} → {self.organization.code}"

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATUSES

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    def counts(self) -> dict[str, Any]:
        return self.summary.get("counts", {})


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


def export_file_name(instance: "ExportJob", filename: str) -> str:
    return f"exports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.xlsx"


class ExportJob(models.Model):
    """A large export written by the background worker: the request that asks for it
    answers at once, the page follows its progress, and only its requester downloads it."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    kind = models.CharField(_("loại danh sách"), max_length=32)
    # The list page's filters as they were asked (a query string), applied again by the task
    # through the same restriction, as the requester.
    query = models.TextField(_("bộ lọc"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    task_id = models.CharField(_("tác vụ nền"), max_length=64, blank=True)
    file = models.FileField(_("tệp"), upload_to=export_file_name, max_length=200, blank=True)
    message = models.TextField(_("thông báo"), blank=True)
    created_at = models.DateTimeField(_("lúc yêu cầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt xuất danh sách")
        verbose_name_plural = _("lượt xuất danh sách")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_running(self) -> bool:
        return self.status in {ExportStatus.QUEUED, ExportStatus.RUNNING}
