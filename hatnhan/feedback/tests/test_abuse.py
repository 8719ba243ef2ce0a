"""Abuse limits without third parties: per address, per agency, the honeypot, the proof of
work (and its no-JavaScript fallback), throttled guessing of secrets."""

import hashlib
import itertools

import pytest
from django.urls import reverse

from hatnhan.core.testing import writes_nothing
from hatnhan.feedback import abuse
from hatnhan.feedback.models import FeedbackReport, Status

pytestmark = pytest.mark.django_db

FORM = {"category": "attitude", "description": "Cán bộ quát tháo người dân."}


def _solve(challenge: str) -> str:
    for n in itertools.count():
        if abuse.solves(challenge, str(n)):
            return str(n)
    raise AssertionError


def _url() -> str:
    return reverse("feedback:public-report", args=["STC"])


def test_a_solved_proof_files_into_the_verified_queue(client, tree):
    challenge = abuse.new_challenge()
    client.post(_url(), FORM | {"pow_challenge": challenge, "pow_nonce": _solve(challenge)})
    assert FeedbackReport.objects.get().status == Status.RECEIVED


def test_no_proof_or_a_replayed_one_files_into_to_verify(client, tree):
    challenge = abuse.new_challenge()
    nonce = _solve(challenge)
    client.post(_url(), FORM | {"pow_challenge": challenge, "pow_nonce": nonce})
    client.post(_url(), FORM | {"pow_challenge": challenge, "pow_nonce": nonce})
    client.post(_url(), FORM)
    forged = challenge.rsplit(":", 1)[0] + ":forged"
    client.post(_url(), FORM | {"pow_challenge": forged, "pow_nonce": _solve(forged)})
    statuses = list(FeedbackReport.objects.order_by("id").values_list("status", flat=True))
    assert statuses == [Status.RECEIVED, Status.TO_VERIFY, Status.TO_VERIFY, Status.TO_VERIFY]


def test_the_script_and_the_server_count_zero_bits_alike():
    digest = hashlib.sha256(b"c:1").digest()
    bits = abuse._leading_zero_bits(digest)
    assert abuse.solves("c", "1", bits) and not abuse.solves("c", "1", bits + 1)


def test_the_honeypot_refuses_and_writes_nothing(client, tree):
    with writes_nothing():
        response = client.post(_url(), FORM | {abuse.HONEYPOT_FIELD: "http://spam"})
    assert response.status_code == 400


def test_per_address_limit(client, tree, settings):
    settings.FEEDBACK_SUBMIT_PER_ADDRESS = 2
    for _ in range(2):
        assert client.post(_url(), FORM).status_code == 200
    with writes_nothing():
        assert client.post(_url(), FORM).status_code == 429
    # Another address still may.
    assert client.post(_url(), FORM, REMOTE_ADDR="10.9.9.9").status_code == 200


def test_per_agency_limit(client, tree, settings):
    settings.FEEDBACK_SUBMIT_PER_AGENCY = 2
    for n in range(2):
        client.post(_url(), FORM, REMOTE_ADDR=f"10.0.0.{n}")
    with writes_nothing():
        assert client.post(_url(), FORM, REMOTE_ADDR="10.0.0.99").status_code == 429
    other = reverse("feedback:public-report", args=["SYT"])
    assert client.post(other, FORM, REMOTE_ADDR="10.0.0.99").status_code == 200


def test_guessing_secrets_is_throttled_even_for_the_right_one(client, file_report, settings):
    settings.FEEDBACK_FOLLOW_PER_ADDRESS = 3
    report, secret = file_report()
    url = reverse("feedback:public-follow")
    for _ in range(3):
        client.post(url, {"code": report.receipt_code, "secret": "WRONG"})
    response = client.post(url, {"code": report.receipt_code, "secret": secret})
    assert response.status_code == 429
    assert "Nhũng nhiễu" not in response.content.decode()


def test_the_trusted_proxy_header_decides_the_address(client, tree, settings):
    settings.FEEDBACK_SUBMIT_PER_ADDRESS = 1
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client.post(_url(), FORM, HTTP_X_REAL_IP="1.1.1.1").status_code == 200
    assert client.post(_url(), FORM, HTTP_X_REAL_IP="2.2.2.2").status_code == 200
    assert client.post(_url(), FORM, HTTP_X_REAL_IP="1.1.1.1").status_code == 429
