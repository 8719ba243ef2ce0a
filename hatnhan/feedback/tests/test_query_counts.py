"""The board, a report's page and the API list read a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hatnhan.core.testing import api_client

pytestmark = pytest.mark.django_db


def _count(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["feedback:board", "api"])
def test_lists_are_constant_with_data(client, file_report, users, url):
    client.force_login(users["secretary"])
    api = api_client(users["secretary"])

    def get():
        if url == "api":
            return api.get("/api/v1/feedback-reports/")
        return client.get(reverse(url))

    file_report()
    get()  # warm the caches (session, content types)
    few = _count(get)
    for _ in range(6):
        file_report(reporter_contact="x@example.org")
    assert _count(get) == few


def test_a_report_page_is_constant_with_its_requests(client, report, users, custodian):
    from hatnhan.feedback import services

    client.force_login(users["secretary"])
    url = reverse("feedback:report", args=[report.pk])
    client.get(url)
    first = services.request_identity(actor=users["secretary"], report=report, reason="A")
    services.decide_identity(actor=custodian, request=first, approve=False, note="Không")
    few = _count(lambda: client.get(url))
    for who in ("committee", "admin", "staff"):
        request = services.request_identity(actor=users[who], report=report, reason="B")
        services.decide_identity(actor=custodian, request=request, approve=False, note="Không")
    assert _count(lambda: client.get(url)) == few
