"""Sign-ins, failures and refusals are logged one JSON line each, in UTC, uninjectable."""

import json
import logging

import pytest
from django.urls import reverse

from hatnhan.core.security_log import UTCFormatter


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger="hatnhan.security")
    return lambda: [
        json.loads(r.getMessage()) for r in caplog.records if r.name == "hatnhan.security"
    ]


def test_a_failed_sign_in_is_logged_with_the_name_tried(client, db, security_log):
    client.post(reverse("login"), {"username": "không-có", "password": "sai"})
    [entry] = [e for e in security_log() if e["event"] == "login.failed"]
    assert entry["user"] == "không-có"
    assert entry["ip"] == "127.0.0.1"


def test_a_sign_in_is_logged(client, users, security_log):
    users["member"].set_password("mật-khẩu-đủ-dài-1")
    users["member"].save()
    client.post(
        reverse("login"), {"username": users["member"].username, "password": "mật-khẩu-đủ-dài-1"}
    )
    assert any(e["event"] == "login.succeeded" for e in security_log())


def test_a_name_with_line_breaks_cannot_write_a_line(client, db, caplog):
    caplog.set_level(logging.INFO, logger="hatnhan.security")
    client.post(
        reverse("login"), {"username": 'x\n2026-01-01 security {"event": "fake"}', "password": "p"}
    )
    messages = [r.getMessage() for r in caplog.records if r.name == "hatnhan.security"]
    assert messages and all("\n" not in m and "\r" not in m for m in messages)


def test_an_api_refusal_is_logged(users, security_log):
    from hatnhan.api.testing import api_client

    api_client(None).get("/api/v1/members/")
    assert any(e["event"] == "authorization.refused" for e in security_log())


def test_log_times_are_utc():
    record = logging.LogRecord("hatnhan.security", logging.INFO, __file__, 1, "m", None, None)
    record.created = 0.0
    record.msecs = 0
    assert UTCFormatter("%(asctime)s").format(record) == "1970-01-01T00:00:00.000Z"


def test_the_client_address_header_is_trusted_only_when_configured(rf, settings):
    from hatnhan.core.security_log import client_address

    request = rf.get("/", HTTP_X_REAL_IP="203.0.113.9", REMOTE_ADDR="10.0.0.1")
    settings.CLIENT_IP_HEADER = ""
    assert client_address(request) == "10.0.0.1"
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_address(request) == "203.0.113.9"
