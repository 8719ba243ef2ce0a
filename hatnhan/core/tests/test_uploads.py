"""The foundation's upload checks, on their own (each app's tests cover them in use)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile

from hatnhan.core.uploads import (
    as_file,
    check_document,
    clean_original_name,
    content_type,
    server_file_name,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_document_kind_comes_from_the_bytes():
    assert check_document(io.BytesIO(PDF)) == ("pdf", len(PDF))
    with pytest.raises(ValidationError, match="Biên bản không đúng định dạng"):
        check_document(SimpleUploadedFile("bien-ban.pdf", b"<html>"), label="Biên bản")
    with pytest.raises(ValidationError, match="rỗng"):
        check_document(io.BytesIO(b""))


def test_stored_under_a_server_made_name_with_the_sniffed_extension():
    name = server_file_name("directives", "pdf")
    assert name.startswith("directives/") and name.endswith(".pdf")
    assert server_file_name("evidence", "unknown").count(".") == 0
    assert clean_original_name("..\\..\\etc/pass<wd>.pdf") == "passwd.pdf"
    assert content_type("docx").endswith("wordprocessingml.document")
    assert content_type("unknown") == "application/octet-stream"


def test_as_file_keeps_an_upload_and_wraps_a_stream():
    upload = SimpleUploadedFile("a.pdf", PDF)
    assert as_file(upload, name="a.pdf") is upload
    wrapped = as_file(io.BytesIO(PDF), name="b.pdf")
    assert isinstance(wrapped, File) and wrapped.name == "b.pdf"
