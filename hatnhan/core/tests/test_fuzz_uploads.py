"""Property-based: no upload makes the checks raise anything but a clear Vietnamese refusal.

hypothesis sends any bytes (random, behind a real format's magic bytes, zip archives whole,
truncated or with odd entries), any file name and any declared content type. The checks
either accept — the kind read from the bytes, whatever the name or the content type say — or
refuse with a ValidationError whose message names the file. Bounded: modest example counts,
no deadline, derandomized, no shrinking.
"""

import io
import zipfile

from django.core.exceptions import ValidationError
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from hatnhan.core.uploads import (
    DOCUMENT_KINDS,
    check_document,
    check_size,
    clean_original_name,
    sniff_kind,
)

FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
)
MAGIC = [
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF89a",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"RIFF\x00\x00\x00\x00WEBP",
    b"\x00\x00\x00\x18ftypheic",
]


class Upload(io.BytesIO):
    name: str
    content_type: str


@st.composite
def zips(draw) -> bytes:
    buffer = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    with zipfile.ZipFile(buffer, "w", method) as archive:
        names = draw(
            st.lists(
                st.one_of(
                    st.sampled_from(
                        ["word/document.xml", "xl/workbook.xml", "ppt/x", "[Content_Types].xml"]
                    ),
                    st.text(min_size=1, max_size=30).filter(lambda n: "\x00" not in n),
                ),
                max_size=5,
                unique=True,
            )
        )
        for name in names:
            archive.writestr(name, draw(st.binary(max_size=200)))
    data = buffer.getvalue()
    cut = draw(st.integers(min_value=0, max_value=len(data)))
    # Whole, truncated (a broken download), or with its bytes flipped somewhere.
    return draw(
        st.sampled_from(
            [
                data,
                data[:cut],
                data[:cut] + bytes([(data[cut] + 1) % 256]) + data[cut + 1 :]
                if cut < len(data)
                else data,
            ]
        )
    )


contents = st.one_of(
    st.binary(max_size=2048),
    st.builds(lambda magic, tail: magic + tail, st.sampled_from(MAGIC), st.binary(max_size=512)),
    zips(),
)
names = st.one_of(
    st.sampled_from(["a.pdf", "a.docx", "../../etc/passwd", "CON", "", ".", "a" * 400 + ".pdf"]),
    st.text(max_size=300),
)
content_types = st.one_of(
    st.sampled_from(["application/pdf", "image/png", "text/html", "", "application/x-msdownload"]),
    st.text(max_size=50),
)


@FUZZ
@given(data=contents, name=names, declared=content_types)
@example(data=b"PK\x05\x06" + b"\x00" * 18, name="a.docx", declared="")
def test_any_upload_is_accepted_by_its_bytes_or_refused_clearly(data, name, declared):
    # Any name at all: Django's own upload class refuses some ("."), its parser passes others.
    upload = Upload(data)
    upload.name, upload.content_type = name, declared
    label = f"Tệp “{clean_original_name(name)}”"
    try:
        kind, size = check_document(upload, label=label)
    except ValidationError as exc:
        assert exc.messages and all(m.startswith(label) or "Tệp" in m for m in exc.messages)
        return
    assert kind in DOCUMENT_KINDS and size == len(data)
    # The name and the declared type never decide: the same bytes under any other give the same.
    assert check_document(io.BytesIO(data)) == (kind, size)


@FUZZ
@given(data=contents)
def test_sniffing_never_raises_and_leaves_the_stream_where_it_was(data):
    stream = io.BytesIO(data)
    stream.seek(min(3, len(data)))
    kind = sniff_kind(stream)
    assert isinstance(kind, str) and kind
    assert stream.tell() == min(3, len(data))


@FUZZ
@given(data=st.binary(max_size=300), limit=st.integers(min_value=1, max_value=400))
def test_size_is_checked_or_refused_in_vietnamese(data, limit):
    try:
        assert check_size(io.BytesIO(data), max_bytes=limit) == len(data) <= limit
    except ValidationError as exc:
        assert len(data) == 0 or len(data) > limit
        assert "rỗng" in exc.messages[0] or "quá lớn" in exc.messages[0]


@FUZZ
@given(name=names)
def test_any_file_name_becomes_a_printable_base_name(name):
    cleaned = clean_original_name(name)
    assert 0 < len(cleaned) <= 200
    assert cleaned.isprintable() and not set(cleaned) & set('<>:"/\\|?*')
