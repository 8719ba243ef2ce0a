"""Reporting without an account, and following it with the code and the secret."""

import re

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from hatnhan.core.testing import writes_nothing
from hatnhan.feedback.models import FeedbackFile, FeedbackReport, Status
from hatnhan.tasks.tests.conftest import png

pytestmark = pytest.mark.django_db

FORM = {
    "category": "extortion",
    "description": "Cán bộ gợi ý “bồi dưỡng” để hồ sơ được giải quyết sớm.",
    "procedure": "Đăng ký kinh doanh",
    "dossier_code": "DKKD-778",
    "happened_on": "02/06/2026",
    "place": "Bộ phận một cửa",
    "official": "Bàn số 2",
}


def _csrf_free(content: bytes) -> str:
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())
    text = re.sub(r'nonce="[^"]+"', "", text)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", text)


def test_the_form_opens_by_code_or_id_without_an_account(client, tree):
    by_code = client.get(reverse("feedback:public-report", args=["stc"]))
    by_id = client.get(reverse("feedback:public-report", args=[tree["stc"].pk]))
    assert by_code.status_code == by_id.status_code == 200
    assert "Sở Tài chính" in by_code.content.decode()
    assert "ẩn danh" in by_code.content.decode()


def test_a_cell_or_unknown_agency_has_no_form(client, tree):
    assert client.get(reverse("feedback:public-report", args=["STC-NS"])).status_code == 404
    assert client.get(reverse("feedback:public-report", args=["nope"])).status_code == 404


def test_report_gives_a_receipt_and_a_secret_kept_only_as_a_hash(client, tree):
    response = client.post(
        reverse("feedback:public-report", args=["STC"]), FORM | {"files": [png()]}
    )
    assert response.status_code == 200
    report = FeedbackReport.objects.get()
    page = response.content.decode()
    secret = re.search(r"data-receipt-secret>([^<]+)<", page).group(1)
    assert report.receipt_code in page
    assert secret not in report.secret_hash
    assert identify_hasher(report.secret_hash)
    assert report.organization == tree["stc"]
    assert report.status == Status.TO_VERIFY  # no proof of work: the slower queue
    assert report.happened_on.isoformat() == "2026-06-02"
    assert FeedbackFile.objects.get(report=report).file_kind == "png"
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )


def test_follow_with_code_and_secret_shows_the_answer(client, file_report, users):
    from hatnhan.feedback import services

    report, secret = file_report()
    services.triage_report(actor=users["secretary"], report=report)
    services.answer_report(actor=users["secretary"], report=report, answer="Đã chấn chỉnh cán bộ.")
    response = client.post(
        reverse("feedback:public-follow"), {"code": report.receipt_code.lower(), "secret": secret}
    )
    assert response.status_code == 200
    assert "Đã chấn chỉnh cán bộ." in response.content.decode()


def test_wrong_secret_and_unknown_code_answer_alike(client, file_report):
    report, _secret = file_report()
    wrong = client.post(
        reverse("feedback:public-follow"), {"code": report.receipt_code, "secret": "AAAA-BBBB"}
    )
    unknown = client.post(
        reverse("feedback:public-follow"), {"code": "PA-ZZZZ-ZZZZ", "secret": "AAAA-BBBB"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert _csrf_free(wrong.content).replace(report.receipt_code, "") == _csrf_free(
        unknown.content
    ).replace("PA-ZZZZ-ZZZZ", "")
    assert "không đúng" in wrong.content.decode()


def test_text_is_stored_as_text_and_escaped(client, file_report, users):
    report, _ = file_report(description="<script>alert(1)</script>")
    assert FeedbackReport.objects.get(pk=report.pk).description == "<script>alert(1)</script>"
    client.force_login(users["secretary"])
    page = client.get(reverse("feedback:report", args=[report.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_empty_description_is_refused_and_writes_nothing(client, tree):
    with writes_nothing():
        response = client.post(
            reverse("feedback:public-report", args=["STC"]), FORM | {"description": " "}
        )
    assert response.status_code == 200
    assert "Điều gì đã xảy ra" in response.content.decode()


def test_a_wrong_file_type_is_refused(client, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10)
    with writes_nothing():
        response = client.post(
            reverse("feedback:public-report", args=["STC"]), FORM | {"files": [bad]}
        )
    assert "không đúng định dạng" in response.content.decode()


@pytest.mark.parametrize("ref", ["99999999999999999999999", "٣", " ", "STC-NS"])
def test_odd_agency_refs_are_404_not_errors(client, tree, ref):
    assert client.get(reverse("feedback:public-report", args=[ref])).status_code == 404
