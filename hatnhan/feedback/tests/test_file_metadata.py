"""A photo sent with a report is stored without its EXIF (the place it was taken, the phone):
a file must not say who sent it (Luật Tố cáo 2018 Art. 47)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hatnhan.core.tests.test_upload_metadata import PLANTED, _jpeg

pytestmark = pytest.mark.django_db


def test_a_reports_photo_is_kept_without_its_exif(file_report, media):
    report, _secret = file_report(files=[SimpleUploadedFile("anh.jpg", _jpeg())])
    stored = report.files.get()
    with stored.file.open("rb") as kept:
        data = kept.read()
    assert PLANTED not in data and data.startswith(b"\xff\xd8")
    assert stored.file_size == len(data)
