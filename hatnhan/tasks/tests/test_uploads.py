"""Evidence uploads: type from content, size limit, zip bombs, server-made names, and a
download that applies the restriction."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hatnhan.tasks import services
from hatnhan.tasks.models import Evidence, ProgressUpdate

from .conftest import PNG, docx, png


def report(users, task, *files):
    return services.report_progress(
        actor=users["member"], task=task, percent=50, note="x", files=list(files)
    )


def test_png_and_docx_are_stored_under_server_names(task, users):
    report(users, task, png("../../etc/passwd.png"), docx("Báo cáo tháng.docx"))
    stored = list(Evidence.objects.order_by("id"))
    assert [e.file_kind for e in stored] == ["png", "docx"]
    assert stored[0].file_name == "passwd.png"
    assert stored[1].file_name == "Báo cáo tháng.docx"
    for evidence in stored:
        assert evidence.file.name.startswith("evidence/")
        assert "passwd" not in evidence.file.name and "Báo" not in evidence.file.name


def test_type_is_checked_from_content_not_name(task, users):
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00 this is an exe")
    with pytest.raises(ValidationError) as info:
        report(users, task, fake)
    assert "files" in info.value.message_dict
    assert "định dạng" in info.value.message_dict["files"][0]
    assert not ProgressUpdate.objects.exists() and not Evidence.objects.exists()


def test_plain_zip_is_refused(task, users):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError):
        report(users, task, SimpleUploadedFile("tai-lieu.docx", buffer.getvalue()))


def test_zip_bomb_office_file_is_refused(task, users, settings):
    settings.UPLOAD_ZIP_MAX_RATIO = 50
    bomb = docx("bom.docx", payload=b"0" * 5_000_000)
    with pytest.raises(ValidationError) as info:
        report(users, task, bomb)
    assert "bom" in info.value.message_dict["files"][0].lower()
    assert not Evidence.objects.exists()


def test_size_limit_is_a_setting(task, users, settings):
    settings.UPLOAD_MAX_BYTES = len(PNG) - 1
    with pytest.raises(ValidationError) as info:
        report(users, task, png())
    assert "quá lớn" in info.value.message_dict["files"][0]


def test_one_bad_file_stores_none(task, users):
    with pytest.raises(ValidationError):
        report(users, task, png(), SimpleUploadedFile("x.pdf", b"not a pdf"))
    assert not Evidence.objects.exists()


def test_download_applies_the_restriction(task, users, settings):
    settings.LOGIN_URL = "/accounts/login/"  # the accounts pages may live on another branch
    report(users, task, png("anh chụp.png"), docx())
    image, document = Evidence.objects.order_by("id")
    owner = Client()
    owner.force_login(users["member"])
    response = owner.get(f"/files/evidence/{image.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == PNG
    response = owner.get(f"/files/evidence/{document.pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    other = Client()
    other.force_login(users["other"])
    assert other.get(f"/files/evidence/{image.pk}/").status_code == 404
    assert Client().get(f"/files/evidence/{image.pk}/").status_code == 302


def test_non_ascii_name_is_encoded_safely(task, users):
    report(users, task, docx('Báo "cáo"\r\nX-Evil: 1.docx'))
    evidence = Evidence.objects.get()
    client = Client()
    client.force_login(users["secretary"])
    disposition = client.get(f"/files/evidence/{evidence.pk}/")["Content-Disposition"]
    assert "\n" not in disposition and "\r" not in disposition
    assert "filename*=utf-8''" in disposition
