"""Metadata that can say who made a file (a photo's GPS and device, a document's author) is
removed by core.uploads.without_metadata; the picture or document itself is kept."""

import io
import struct
import zlib

import docx

from hatnhan.core.uploads import sniff_kind, without_metadata

PLANTED = b"GPS 18.6796N 105.6813E Nguyen Van Planted"


def _jpeg() -> bytes:
    exif = b"Exif\x00\x00" + PLANTED
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    app1 = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    comment = b"\xff\xfe" + struct.pack(">H", len(PLANTED) + 2) + PLANTED
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes(range(64))
    scan = b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00" + b"\x12\x34\xff\xd9"
    return b"\xff\xd8" + app0 + app1 + comment + dqt + scan


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png() -> bytes:
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    text = _chunk(b"tEXt", b"Author\x00" + PLANTED)
    pixels = _chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    return b"\x89PNG\r\n\x1a\n" + header + text + pixels + _chunk(b"IEND", b"")


def _webp() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return kind + len(data).to_bytes(4, "little") + data + (b"\x00" if len(data) % 2 else b"")

    vp8x = chunk(b"VP8X", bytes([0x0C, 0, 0, 0]) + b"\x00" * 6)
    body = b"WEBP" + vp8x + chunk(b"VP8L", b"\x2f\x00\x00\x00\x00") + chunk(b"EXIF", PLANTED)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Biên nhận hồ sơ")
    document.core_properties.author = PLANTED.decode()
    document.core_properties.last_modified_by = PLANTED.decode()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _stripped(data: bytes) -> bytes:
    kind = sniff_kind(io.BytesIO(data))
    return without_metadata(io.BytesIO(data), kind).read()


def test_a_jpeg_loses_its_exif_and_comments_and_keeps_its_picture():
    data = _stripped(_jpeg())
    assert PLANTED not in data
    assert data.startswith(b"\xff\xd8\xff\xe0") and data.endswith(b"\x12\x34\xff\xd9")
    assert b"\xff\xdb" in data and b"\xff\xda" in data


def test_a_png_loses_its_text_and_keeps_its_chunks():
    data = _stripped(_png())
    assert PLANTED not in data
    assert b"IHDR" in data and b"IDAT" in data and data.endswith(_chunk(b"IEND", b""))


def test_a_webp_loses_its_exif_and_says_so_in_its_header():
    data = _stripped(_webp())
    assert PLANTED not in data and b"VP8L" in data
    assert int.from_bytes(data[4:8], "little") == len(data) - 8
    assert data[20] & 0x0C == 0  # the VP8X flags no longer announce EXIF or XMP


def test_a_word_file_loses_its_author_and_still_opens():
    data = _stripped(_docx())
    opened = docx.Document(io.BytesIO(data))
    assert opened.core_properties.author == "" and opened.core_properties.last_modified_by == ""
    assert opened.paragraphs[0].text == "Biên nhận hồ sơ"


def test_a_kind_without_a_stripper_comes_back_as_it_is():
    pdf = io.BytesIO(b"%PDF-1.4\n%%EOF")
    assert without_metadata(pdf, "pdf") is pdf and pdf.read() == b"%PDF-1.4\n%%EOF"
