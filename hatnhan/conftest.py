"""Shared fixtures: a small tree with two grassroots organizations and a user in each role."""

import datetime as dt

import pytest

from hatnhan.accounts.models import User
from hatnhan.accounts.services import create_user
from hatnhan.core.pytest_browser import (  # noqa: F401 — hooks pytest finds in this conftest
    REQUIRE_BROWSER,
    browser_required,
    pytest_collection_finish,
    pytest_collection_modifyitems,
    pytest_runtest_makereport,
    pytest_runtest_protocol,
)
from hatnhan.members.services import create_member
from hatnhan.organizations.models import Organization, OrganizationKind
from hatnhan.organizations.services import create_organization


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Real hashing costs ~0.3 s per account; tests create many accounts and test no hashing."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _verified_force_login():
    """`client.force_login` counts as two-factor verified (hatnhan.core.testing)."""
    from hatnhan.core.testing import install_verified_force_login

    install_verified_force_login()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and the dashboards' fragments live in the caches: each test starts
    with none of another's."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=False):
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_holiday_calendar():
    """The working-day calendar is cached per process: each test reads its own database's."""
    from hatnhan.organizations.workdays import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def no_holidays(db):
    """A blank holiday calendar (the data migration loads 2026 and 2027): Monday to Friday."""
    from hatnhan.organizations.models import Holiday

    Holiday.objects.all().delete()


@pytest.fixture
def tree(db) -> dict[str, Organization]:
    bloc = create_organization(
        actor=None,
        code="DUK",
        name="Đảng bộ Khối Các cơ quan tỉnh",
        kind=OrganizationKind.BLOC_COMMITTEE,
    )
    stc = create_organization(
        actor=None,
        code="STC",
        name="Đảng bộ Sở Tài chính",
        kind=OrganizationKind.GRASSROOTS_COMMITTEE,
        parent=bloc,
        agency_name="Sở Tài chính",
    )
    stc_cell = create_organization(
        actor=None,
        code="STC-NS",
        name="Chi bộ Phòng Ngân sách",
        kind=OrganizationKind.CELL,
        parent=stc,
    )
    syt = create_organization(
        actor=None,
        code="SYT",
        name="Đảng bộ Sở Y tế",
        kind=OrganizationKind.GRASSROOTS_COMMITTEE,
        parent=bloc,
        agency_name="Sở Y tế",
    )
    syt_cell = create_organization(
        actor=None, code="SYT-VP", name="Chi bộ Văn phòng", kind=OrganizationKind.CELL, parent=syt
    )
    return {"bloc": bloc, "stc": stc, "stc_cell": stc_cell, "syt": syt, "syt_cell": syt_cell}


@pytest.fixture
def make_member(tree):
    counter = iter(range(1, 100000))

    def make(org: Organization | None = None, name: str = "Nguyễn Văn An", **values):
        n = next(counter)
        values.setdefault("party_card_number", f"TEST{n:06d}")
        values.setdefault("date_of_birth", dt.date(1980, 1, 1))
        values.setdefault("probationary_date", dt.date(2005, 5, 19))
        return create_member(
            actor=None, organization=org or tree["stc_cell"], full_name=name, **values
        )

    return make


@pytest.fixture
def users(tree, make_member) -> dict[str, User]:
    """One account per role: bloc admin and staff, STC secretary/committee/inspector/member,
    and SYT secretary (the 'other organization')."""
    own = make_member(tree["stc_cell"], "Trần Thị Bình")
    accounts = {  # key: (username, role, organization)
        "admin": ("admin", "admin", "bloc"),
        "staff": ("staff", "staff", "bloc"),
        "secretary": ("stc_secretary", "secretary", "stc"),
        "committee": ("stc_committee", "committee", "stc"),
        "inspector": ("stc_inspector", "inspector", "stc"),
        "member": ("stc_member", "member", "stc_cell"),
        "other": ("syt_secretary", "secretary", "syt"),
    }
    made = {
        key: create_user(
            actor=None,
            username=username,
            role=role,
            organization=tree[org],
            member=own if key == "member" else None,
            password="demo",
            check_password=False,
        )
        for key, (username, role, org) in accounts.items()
    }
    return made


# --- Real browser -------------------------------------------------------------------------
# Journeys run in the system's headless Chromium (never a downloaded browser). They are
# marked `browser`; they skip, saying why, when /usr/bin/chromium is absent — unless
# HATNHAN_REQUIRE_BROWSER=1 (set by .ci/run), where a journey that does not run is a failure.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    # django_db_setup first: the test database is made before Playwright's loop starts.
    import shutil

    if not shutil.which(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if browser_required():
            pytest.fail(f"{REQUIRE_BROWSER}=1: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser context on the live server; `page.base_url` is the server's address."""
    context = chromium.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15000)
    pg = context.new_page()
    pg.base_url = live_server.url
    yield pg
    context.close()


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(chromium, live_server):
    """phone(username, **context options) → a 390 px touch page on the live server, signed in
    through the login form (with the code step for roles that need it); closed afterwards."""
    from hatnhan.accounts.testing import browser_sign_in

    contexts = []

    def open_page(username: str, **options):
        context = chromium.new_context(
            base_url=live_server.url,
            locale="vi-VN",
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            **options,
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        pg = context.new_page()
        pg.base_url = live_server.url
        return browser_sign_in(pg, username)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def login(page):
    """login(username, password='demo') signs in through the real login form, and the
    two-factor step with a code computed from the account's authenticator (set up first for
    a role that requires one: hatnhan.accounts.testing)."""
    from hatnhan.accounts.testing import browser_sign_in

    def do(username: str, password: str = "demo"):
        return browser_sign_in(page, username, password)

    return do
