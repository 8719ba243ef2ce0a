"""Checks every uploaded file passes before anything reads it: real type from the bytes,
size limits, and Office files (zip archives) that would expand out of proportion."""

import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# (magic bytes, kind). Office Open XML files are zip archives; told apart by their entries.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # legacy .doc/.xls
]
_OFFICE_MARKERS = {"xl/": "xlsx", "word/": "docx", "ppt/": "pptx"}


def sniff_kind(stream: IO[bytes]) -> str:
    """The file's kind from its content ('xlsx', 'docx', 'pdf', 'png', …), or 'unknown'."""
    position = stream.tell()
    head = stream.read(16)
    stream.seek(position)
    if head[4:12] in {b"ftypheic", b"ftypheix", b"ftypmif1"}:
        return "heic"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind != "zip":
                return kind
            try:
                with zipfile.ZipFile(stream) as archive:
                    names = archive.namelist()
            except zipfile.BadZipFile:
                return "unknown"
            finally:
                stream.seek(position)
            for prefix, office_kind in _OFFICE_MARKERS.items():
                if any(name.startswith(prefix) for name in names):
                    return office_kind
            return "zip"
    return "unknown"


MEGABYTE = 1024 * 1024


def megabytes(size: int) -> str:
    """A size as the limit messages write it; the browser check (app.js) writes it alike."""
    return f"{size / MEGABYTE:.1f}"


def too_large_message(*, label: str, size: str, limit: int) -> str:
    """The one wording of "this file is over the limit", for the server's check and, with
    placeholders for the name and size, for the browser's check before upload."""
    return _("%(label)s quá lớn: %(size)s MB, giới hạn %(limit)s MB.") % {
        "label": label,
        "size": size,
        "limit": f"{limit / MEGABYTE:.0f}",
    }


def check_size(stream: IO[bytes], *, max_bytes: int, label: str = "Tệp") -> int:
    position = stream.tell()
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(position)
    if size == 0:
        raise ValidationError(f"{label} rỗng (0 byte).")
    if size > max_bytes:
        raise ValidationError(too_large_message(label=label, size=megabytes(size), limit=max_bytes))
    return size


def check_zip_archive(stream: IO[bytes]) -> None:
    """Refuse an archive whose entries are too many or expand out of proportion (zip bomb).

    Reads only the central directory; limits are settings (UPLOAD_ZIP_*)."""
    position = stream.tell()
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ValidationError("Tệp bị hỏng: không đọc được cấu trúc tệp Office.") from exc
    finally:
        stream.seek(position)
    max_entries: int = settings.UPLOAD_ZIP_MAX_ENTRIES
    max_total: int = settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES
    max_ratio: int = settings.UPLOAD_ZIP_MAX_RATIO
    if len(infos) > max_entries:
        raise ValidationError(
            f"Tệp có {len(infos)} thành phần, vượt giới hạn {max_entries}: "
            "từ chối để bảo vệ máy chủ."
        )
    total = sum(i.file_size for i in infos)
    compressed = sum(i.compress_size for i in infos) or 1
    if total > max_total or total / compressed > max_ratio:
        raise ValidationError(
            "Tệp giải nén ra quá lớn so với kích thước tệp (nghi là “bom nén”): từ chối."
        )
