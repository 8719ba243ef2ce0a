"""Who reported: asked for with a reason, decided by a custodian, each view logged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hatnhan.core.testing import writes_nothing
from hatnhan.feedback import services
from hatnhan.feedback.models import IdentityView, RequestStatus

from .conftest import PLANTED

pytestmark = pytest.mark.django_db


def test_request_approve_view_logged(client, report, users, custodian):
    handler = users["secretary"]
    request = services.request_identity(actor=handler, report=report, reason="Cần xác minh thêm.")
    with pytest.raises(PermissionDenied):
        services.view_identity(actor=handler, report=report)
    services.decide_identity(actor=custodian, request=request, approve=True)
    client.force_login(handler)
    page = client.get(reverse("feedback:identity", args=[report.pk]))
    assert page.status_code == 200 and PLANTED in page.content.decode()
    view = IdentityView.objects.get()
    assert view.viewed_by == handler and view.request == request
    detail = client.get(reverse("feedback:report", args=[report.pk])).content.decode()
    assert "Cần xác minh thêm." in detail and PLANTED not in detail


def test_a_refusal_needs_a_reason_and_keeps_it_hidden(client, report, users, custodian):
    request = services.request_identity(actor=users["secretary"], report=report, reason="Lý do")
    with writes_nothing(), pytest.raises(ValidationError):
        services.decide_identity(actor=custodian, request=request, approve=False)
    services.decide_identity(actor=custodian, request=request, approve=False, note="Chưa cần.")
    request.refresh_from_db()
    assert request.status == RequestStatus.REFUSED
    client.force_login(users["secretary"])
    assert client.get(reverse("feedback:identity", args=[report.pk])).status_code == 404


def test_only_a_custodian_decides(report, users):
    request = services.request_identity(actor=users["secretary"], report=report, reason="Lý do")
    for who in ("committee", "admin", "staff"):
        with writes_nothing(), pytest.raises(PermissionDenied):
            services.decide_identity(actor=users[who], request=request, approve=True)


def test_an_approval_is_for_the_requester_only(client, report, users, custodian):
    request = services.request_identity(actor=users["secretary"], report=report, reason="Lý do")
    services.decide_identity(actor=custodian, request=request, approve=True)
    client.force_login(users["committee"])
    assert client.get(reverse("feedback:identity", args=[report.pk])).status_code == 404


def test_the_named_official_never_sees_the_report(
    client, report, users, custodian, make_member, tree
):
    from hatnhan.accounts.services import create_user
    from hatnhan.core.testing import api_client

    official = make_member(tree["stc"], "Lý Văn Quầy")
    account = create_user(
        actor=None,
        username="stc_official",
        role="committee",
        organization=tree["stc"],
        member=official,
        password="demo",
        check_password=False,
    )
    services.triage_report(actor=users["secretary"], report=report, official_member=official)
    client.force_login(account)
    assert client.get(reverse("feedback:report", args=[report.pk])).status_code == 404
    assert client.get(reverse("feedback:identity", args=[report.pk])).status_code == 404
    assert report.receipt_code not in client.get(reverse("feedback:board")).content.decode()
    assert api_client(account).get(f"/api/v1/feedback-reports/{report.pk}/").status_code == 404
    with writes_nothing(), pytest.raises(PermissionDenied):
        services.request_identity(actor=account, report=report, reason="Muốn biết ai")


def test_an_anonymous_report_has_nothing_to_ask_for(file_report, users):
    report, _ = file_report()
    with writes_nothing(), pytest.raises(ValidationError):
        services.request_identity(actor=users["secretary"], report=report, reason="Lý do")


def test_the_custodian_queue(client, report, users, custodian):
    request = services.request_identity(actor=users["secretary"], report=report, reason="Lý do")
    client.force_login(custodian)
    listing = client.get(reverse("feedback:custody"))
    assert listing.status_code == 200 and report.receipt_code in listing.content.decode()
    assert PLANTED not in listing.content.decode()
    response = client.post(
        reverse("feedback:custody-decide", args=[request.pk]), {"approve": "yes", "note": ""}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    client.force_login(users["secretary"])
    assert client.get(reverse("feedback:custody")).status_code == 403
