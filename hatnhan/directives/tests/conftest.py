"""Fixtures for the directives tests: uploads kept out of the real media folder, and makers
of a directive and a resolution recorded by the STC secretary at STC unless told otherwise."""

import datetime as dt

import pytest

from hatnhan.directives import services


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_directive(tree, users):
    def make(**values):
        values.setdefault("actor", users["secretary"])
        values.setdefault("organization", tree["stc"])
        values.setdefault("kind", "plan")
        values.setdefault("number_symbol", "12-KH/ĐU")
        values.setdefault("issuing_body", "Đảng ủy Sở Tài chính")
        values.setdefault("issued_on", dt.date(2017, 3, 1))
        values.setdefault("title", "Kế hoạch")
        return services.create_directive(**values)

    return make


@pytest.fixture
def make_resolution(tree, users):
    def make(**values):
        values.setdefault("actor", users["secretary"])
        values.setdefault("organization", tree["stc"])
        values.setdefault("kind", "monthly")
        values.setdefault("title", "x")
        values.setdefault("adopted_on", dt.date(2017, 3, 1))
        values.setdefault("period_start", dt.date(2017, 3, 1))
        values.setdefault("period_end", dt.date(2017, 3, 31))
        return services.create_resolution(**values)

    return make


@pytest.fixture
def make_focus_issue(users):
    def make(resolution, **values):
        values.setdefault("actor", users["secretary"])
        values.setdefault("title", "Chấn chỉnh giờ giấc làm việc")
        values.setdefault("level", "pressing")
        return services.create_focus_issue(resolution=resolution, **values)

    return make
