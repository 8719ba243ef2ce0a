"""Fixtures for briefing tests: the STC agency head (a member with an account of their own)
and their briefing duty, set by the STC secretary."""

import datetime as dt

import pytest
from django.utils import timezone

from hatnhan.accounts.services import create_user
from hatnhan.briefings import services


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def head(make_member, tree):
    return make_member(tree["stc"], "Phạm Văn Hải", post="Giám đốc Sở Tài chính")


@pytest.fixture
def head_user(head, tree):
    return create_user(
        actor=None,
        username="stc_head",
        role="member",
        organization=tree["stc"],
        member=head,
        password="demo",
        check_password=False,
    )


@pytest.fixture
def duty(users, tree, head, head_user):
    return services.create_duty(
        actor=users["secretary"],
        organization=tree["stc"],
        head=head,
        starts_on=dt.date(2025, 1, 1),
        head_title="Giám đốc Sở",
    )


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """A moment of a local day."""
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


CONTENT = {
    "results": "Thu ngân sách 6 tháng đạt 56% dự toán.",
    "difficulties": "Giải ngân vốn đầu tư công chậm.",
    "new_policies": "Triển khai Nghị định mới về quản lý tài sản công.",
    "proposals": "Đề nghị cấp ủy chỉ đạo đẩy nhanh giải ngân.",
}


@pytest.fixture
def filed(duty, head_user):
    """The first half of 2026, filed by the head on time (due 15/07/2026)."""
    return services.file_briefing(
        actor=head_user,
        duty=duty,
        period_start=dt.date(2026, 1, 1),
        now=at(dt.date(2026, 7, 10)),
        **CONTENT,
    )
