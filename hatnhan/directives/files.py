"""Uploaded documents (directive files, resolution files, task evidence): what is accepted
and where it is kept. Checked from the bytes, never the name; stored under a name the server
makes, so a user's file name never reaches the file system."""

import os
import uuid
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from hatnhan.core.uploads import check_size, check_zip_archive, sniff_kind

# kind (from sniff_kind) -> (extension kept on disk, content type served).
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {
    "pdf": (".pdf", "application/pdf"),
    "png": (".png", "image/png"),
    "jpeg": (".jpg", "image/jpeg"),
    "gif": (".gif", "image/gif"),
    "webp": (".webp", "image/webp"),
    "heic": (".heic", "image/heic"),
    "docx": (
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (
        ".pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
OFFICE_KINDS = {"docx", "xlsx", "pptx"}


def check_document(upload: IO[bytes], *, label: str = "Tệp") -> tuple[str, int]:
    """(kind, size) of an acceptable upload, or ValidationError in Vietnamese.

    Accepted: PDF, photos (PNG, JPEG, GIF, WebP, HEIC), Word/Excel/PowerPoint (.docx, .xlsx,
    .pptx). Office files are zip archives and are checked for zip bombs."""
    size = check_size(upload, max_bytes=settings.UPLOAD_MAX_BYTES, label=label)
    upload.seek(0)
    kind = sniff_kind(upload)
    if kind not in DOCUMENT_KINDS:
        raise ValidationError(
            f"{label} không đúng định dạng cho phép (kiểm tra theo nội dung tệp): chỉ nhận PDF, "
            "ảnh (PNG, JPEG, GIF, WebP, HEIC), Word (.docx), Excel (.xlsx), PowerPoint (.pptx)."
        )
    if kind in OFFICE_KINDS:
        check_zip_archive(upload)
    upload.seek(0)
    return kind, size


def clean_original_name(name: str) -> str:
    """The user's file name, for display and the download's suggested name only."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/\\|?*')
    return base[:200] or "tep"


def server_file_name(folder: str, kind: str) -> str:
    """A storage path the server makes: folder/yyyy/mm/<uuid>.<ext of the sniffed kind>."""
    now = timezone.now()
    ext = DOCUMENT_KINDS.get(kind, ("", ""))[0]
    return f"{folder}/{now:%Y/%m}/{uuid.uuid4().hex}{ext}"


def upload_to(instance: Any, filename: str) -> str:
    """FileField upload_to: the kind was sniffed before saving and set on the instance."""
    return server_file_name(instance.STORAGE_FOLDER, getattr(instance, "file_kind", "") or "")


def content_type(kind: str) -> str:
    return DOCUMENT_KINDS.get(kind, ("", "application/octet-stream"))[1]
