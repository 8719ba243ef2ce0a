"""The API: the handlers' list and detail (no identity fields), the approved identity view,
and the public submit and follow endpoints under their own throttle."""

import pytest
from django.core.cache import cache

from hatnhan.core.testing import api_client, writes_nothing
from hatnhan.feedback import abuse, services
from hatnhan.feedback.models import FeedbackReport, IdentityView, Status

from .conftest import PLANTED

pytestmark = pytest.mark.django_db


def test_the_list_and_detail_carry_no_identity(report, users):
    client = api_client(users["secretary"])
    listing = client.get("/api/v1/feedback-reports/")
    assert listing.status_code == 200
    row = listing.json()["results"][0]
    assert row["receipt_code"] == report.receipt_code
    assert not {"reporter_name", "reporter_contact", "reporter_details", "secret_hash"} & set(row)
    detail = client.get(f"/api/v1/feedback-reports/{report.pk}/")
    assert PLANTED not in detail.content.decode()


def test_the_list_filters_like_the_board(report, file_report, users):
    file_report(category="delay")
    client = api_client(users["secretary"])
    rows = client.get("/api/v1/feedback-reports/", {"category": "delay"}).json()["results"]
    assert [r["category"] for r in rows] == ["delay"]
    assert client.get("/api/v1/feedback-reports/", {"status": "nope"}).status_code == 400


def test_identity_only_for_the_approved_handler(report, users, custodian):
    client = api_client(users["secretary"])
    url = f"/api/v1/feedback-reports/{report.pk}/identity/"
    assert client.get(url).status_code == 404
    request = services.request_identity(actor=users["secretary"], report=report, reason="Lý do")
    services.decide_identity(actor=custodian, request=request, approve=True)
    response = client.get(url)
    assert response.status_code == 200 and response.json()["reporter_contact"] == PLANTED
    assert IdentityView.objects.get().channel == "api"
    assert api_client(users["committee"]).get(url).status_code == 404
    assert api_client(users["other"]).get(url).status_code == 404


def test_public_submit_and_follow(tree):
    client = api_client()
    challenge = abuse.new_challenge()
    nonce = next(str(n) for n in range(100000) if abuse.solves(challenge, str(n)))
    response = client.post(
        "/api/public/feedback/reports/",
        {
            "organization": "STC",
            "category": "delay",
            "description": "Hồ sơ trễ hẹn.",
            "pow_challenge": challenge,
            "pow_nonce": nonce,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    receipt = response.json()
    assert receipt["status"] == Status.RECEIVED
    follow = client.post(
        "/api/public/feedback/follow/",
        {"code": receipt["receipt_code"], "secret": receipt["secret"]},
        format="json",
    )
    assert follow.status_code == 200 and follow.json()["status"] == Status.RECEIVED
    wrong = client.post(
        "/api/public/feedback/follow/",
        {"code": receipt["receipt_code"], "secret": "X"},
        format="json",
    )
    unknown = client.post(
        "/api/public/feedback/follow/", {"code": "PA-NONE-NONE", "secret": "X"}, format="json"
    )
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_public_submit_without_proof_goes_to_verify_and_bad_input_writes_nothing(tree):
    client = api_client()
    with writes_nothing():
        bad = client.post(
            "/api/public/feedback/reports/", {"organization": "STC", "category": "x"}, format="json"
        )
    assert bad.status_code == 400
    ok = client.post(
        "/api/public/feedback/reports/",
        {"organization": tree["stc"].pk, "category": "other", "description": "Khác"},
        format="json",
    )
    assert ok.status_code == 201
    assert FeedbackReport.objects.get().status == Status.TO_VERIFY


def test_the_public_endpoints_have_their_own_throttle(tree, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        | {"feedback_public": "2/minute"}
    }
    from rest_framework.settings import api_settings

    api_settings.reload()
    from rest_framework.throttling import ScopedRateThrottle

    ScopedRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        cache.clear()
        client = api_client()
        answers = [
            client.post(
                "/api/public/feedback/follow/", {"code": "PA-A", "secret": "B"}, format="json"
            ).status_code
            for _ in range(3)
        ]
        assert answers == [404, 404, 429]
    finally:
        api_settings.reload()
        ScopedRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
