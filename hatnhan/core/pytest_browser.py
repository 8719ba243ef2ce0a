"""The browser journeys' rules for pytest, as hooks the root conftest takes in.

Journeys (marked `browser`) skip, saying why, where Chromium is absent — unless
HATNHAN_REQUIRE_BROWSER=1 (.ci/run sets it for the SQLite run): there a journey that skips,
or a run that selects none, fails. They run last, and only they run with Django's
async-safety check lifted. Kept apart from the fixtures so that the rules themselves can be
tested (hatnhan/core/tests/test_pytest_browser.py) without a database.
"""

import os

import pytest

REQUIRE_BROWSER = "HATNHAN_REQUIRE_BROWSER"


def browser_required() -> bool:
    return os.environ.get(REQUIRE_BROWSER, "") not in {"", "0"}


def pytest_collection_modifyitems(config, items):
    """Browser journeys last: Playwright's event loop, once started, stays in this thread until
    the session ends, and Django would refuse every synchronous ORM call made after it."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def pytest_collection_finish(session):
    if browser_required() and not any(item.get_closest_marker("browser") for item in session.items):
        raise pytest.UsageError(
            f"{REQUIRE_BROWSER}=1 but no browser journey was selected (is -m 'not browser' set?)"
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped and browser_required() and item.get_closest_marker("browser"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"{REQUIRE_BROWSER}=1: a browser journey may not skip ({reason})"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Only around a browser journey (its fixtures' set-up and teardown included): Playwright's
    sync API runs an event loop in this thread, while the ORM calls made around it by the test
    itself stay synchronous and safe. Every other test keeps Django's async-safety check."""
    if not item.get_closest_marker("browser"):
        return (yield)
    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        return (yield)
    finally:
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved
