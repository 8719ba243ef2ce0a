"""Uploaded files, for every app: the checks each one passes before anything reads it (real
type from the bytes, never the name; size limits; Office files, which are zip archives, that
would expand out of proportion) and where an accepted document is kept: under a name the
server makes, so a user's file name never reaches the file system."""

import io
import os
import re
import uuid
import zipfile
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone
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
    """The content type a stored document of this (sniffed) kind is served with."""
    return DOCUMENT_KINDS.get(kind, ("", "application/octet-stream"))[1]


def as_file(upload: IO[bytes], *, name: str) -> Any:
    """What a FileField stores: an upload as it came from a request, or any open binary
    stream (the command line, an import) wrapped under `name`."""
    return upload if hasattr(upload, "chunks") else File(upload, name=name)


# --- metadata that can say who made a file ----------------------------------------------------
# A phone photo's EXIF holds the place it was taken (GPS) and the device; an Office file's
# core properties hold its author. Where a file must not say who sent it (a citizen's report),
# those parts go before it is stored. JPEG: APP1–APP15 segments (EXIF, XMP, IPTC…) and
# comments; PNG: text and EXIF chunks; WebP: EXIF and XMP chunks; Office: docProps/core.xml
# emptied and docProps/app.xml's company and manager. The picture or the document itself is
# untouched.
_PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
_WEBP_DROPPED = {b"EXIF", b"XMP "}
_EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)


def _jpeg_without_metadata(data: bytes) -> bytes:
    out, i = bytearray(data[:2]), 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the picture itself follows, kept as it is
            break
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        segment = data[i : i + 2 + length]
        if not (0xE1 <= marker <= 0xEF or marker == 0xFE):
            out += segment
        i += 2 + length
    return bytes(out + data[i:])


def _png_without_metadata(data: bytes) -> bytes:
    out, i = bytearray(data[:8]), 8
    while i + 12 <= len(data):
        length = int.from_bytes(data[i : i + 4], "big")
        chunk = data[i : i + 12 + length]
        if data[i + 4 : i + 8] not in _PNG_DROPPED:
            out += chunk
        i += 12 + length
    return bytes(out)


def _webp_without_metadata(data: bytes) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return data
    body, i = bytearray(b"WEBP"), 12
    while i + 8 <= len(data):
        size = int.from_bytes(data[i + 4 : i + 8], "little")
        chunk = data[i : i + 8 + size + (size & 1)]
        if data[i : i + 4] == b"VP8X" and len(chunk) > 8:
            # The extended header's flags say EXIF (bit 3) and XMP (bit 2) follow: not any more.
            chunk = chunk[:8] + bytes([chunk[8] & ~0x0C]) + chunk[9:]
        if data[i : i + 4] not in _WEBP_DROPPED:
            body += chunk
        i += 8 + size + (size & 1)
    return b"RIFF" + len(body).to_bytes(4, "little") + bytes(body)


def _office_without_metadata(data: bytes) -> bytes:
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            content = old.read(item)
            if item.filename == "docProps/core.xml":
                content = _EMPTY_CORE
            elif item.filename == "docProps/app.xml":
                content = re.sub(rb"<(Company|Manager)>[^<]*</\1>", rb"<\1></\1>", content)
            new.writestr(item, content)
    return target.getvalue()


_STRIPPERS = {
    "jpeg": _jpeg_without_metadata,
    "png": _png_without_metadata,
    "webp": _webp_without_metadata,
    **dict.fromkeys(OFFICE_KINDS, _office_without_metadata),
}


def without_metadata(upload: IO[bytes], kind: str) -> IO[bytes]:
    """The upload with the metadata that could identify its maker removed (see above), as a
    new stream; kinds without such a stripper (PDF, GIF, HEIC) come back as they are."""
    strip = _STRIPPERS.get(kind)
    if strip is None:
        upload.seek(0)
        return upload
    upload.seek(0)
    return io.BytesIO(strip(upload.read()))
