"""Fixtures for citizens' reports: reports to Sở Tài chính (STC), its handlers (the STC
secretary and committee), a custodian at the bloc, and a planted identity."""

import datetime as dt

import pytest
from django.core.cache import cache

from hatnhan.accounts.services import create_user
from hatnhan.feedback import services

# A contact no page, export, API answer, e-mail or audit event may show to a non-approved role.
PLANTED = "zq-7731-planted@example.invalid"
PLANTED_NAME = "Hoàng Thị Xuyến Bí Mật"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Each test starts with empty counters and an easy proof of work."""
    settings.FEEDBACK_POW_BITS = 4
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def custodian(tree):
    return create_user(
        actor=None,
        username="duk_custodian",
        role="custodian",
        organization=tree["bloc"],
        password="demo",
        check_password=False,
    )


@pytest.fixture
def file_report(tree):
    """File a report to STC as the public page does; returns (report, secret)."""

    def file(**values):
        values.setdefault("organization", tree["stc"])
        values.setdefault("category", "harassment")
        values.setdefault(
            "description", "Cán bộ một cửa đòi bổ sung giấy tờ không có trong quy định."
        )
        values.setdefault("verified", True)
        return services.submit_report(**values)

    return file


@pytest.fixture
def report(file_report):
    return file_report(
        reporter_name=PLANTED_NAME,
        reporter_contact=PLANTED,
        reporter_details="Số nhà 12, phường Trung tâm",
        official="Bàn tiếp nhận số 3",
        procedure="Cấp mã số đơn vị có quan hệ với ngân sách",
        dossier_code="HS-2026-0042",
    )[0]


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 6, 10)
