"""Issue 8, "Brute force: sign-in attempts limited per account and per address with a lockout
that an administrator can lift" (django-axes): AXES_FAILURE_LIMIT failures lock the account
(from any address) and, separately, the address (whatever the account); wrong two-factor
codes count too; the lockout page is Vietnamese; the list shows locked accounts; lifting is
audited."""

import pytest
from django.test import Client
from django.urls import reverse

from hatnhan.audit.models import AuditEvent

from .helpers import enroll, password_step

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _fail(username: str, address: str) -> object:
    return password_step(Client(), username, "sai-mat-khau", REMOTE_ADDR=address)


def _locked(response: object) -> bool:
    return response.status_code == 429 and "Tạm khóa đăng nhập" in response.content.decode()


def test_an_account_is_locked_from_every_address(users):
    for n in range(3):
        _fail("stc_member", f"10.0.0.{n + 1}")
    # Even the right password, from yet another address.
    assert _locked(password_step(Client(), "stc_member", REMOTE_ADDR="10.0.0.9"))
    # Another account from that address is not.
    assert password_step(Client(), "stc_committee", REMOTE_ADDR="10.0.0.9").status_code == 302


def test_an_address_is_locked_for_every_account(users):
    for name in ("stc_member", "stc_committee", "syt_secretary"):
        _fail(name, "10.0.0.66")
    assert _locked(password_step(Client(), "admin", REMOTE_ADDR="10.0.0.66"))
    assert password_step(Client(), "admin", REMOTE_ADDR="10.0.0.67").status_code == 302


def test_wrong_two_factor_codes_count_and_lock_out(users):
    enroll(users["secretary"])
    client = Client()
    password_step(client, "stc_secretary")
    responses = [client.post(reverse("mfa-verify"), {"code": "000000"}) for _ in range(3)]
    assert _locked(responses[-1])
    # The session that tried the codes has ended; the password is refused too.
    assert client.get(reverse("home")).status_code == 302
    assert _locked(password_step(Client(), "stc_secretary"))


def test_the_list_shows_it_and_an_administrator_lifts_it(users, signed_in):
    for n in range(3):
        _fail("stc_member", f"10.0.1.{n + 1}")
    admin = signed_in(users["admin"])
    listing = admin.get(reverse("accounts:list"), {"q": "stc_member"}).content.decode()
    assert "bị khóa đăng nhập" in listing
    url = reverse("accounts:unlock", args=[users["member"].pk])
    page = admin.get(reverse("accounts:detail", args=[users["member"].pk])).content.decode()
    assert "đang bị khóa đăng nhập" in page and url in page
    assert admin.get(url).status_code == 200  # the confirmation
    assert admin.post(url).status_code == 302
    event = AuditEvent.objects.get(action="user.unlock")
    assert event.actor_id == users["admin"].pk and event.before == {"failures": 3}
    assert password_step(Client(), "stc_member", REMOTE_ADDR="10.0.1.1").status_code == 302


def test_lifting_is_refused_out_of_reach_and_when_nothing_is_locked(users, signed_in):
    for n in range(3):
        _fail("stc_member", f"10.0.2.{n + 1}")
    other = signed_in(users["other"])  # SYT's secretary manages no STC account
    assert other.post(reverse("accounts:unlock", args=[users["member"].pk])).status_code == 404
    admin = signed_in(users["admin"])
    response = admin.post(reverse("accounts:unlock", args=[users["committee"].pk]), follow=True)
    assert "không bị khóa đăng nhập" in response.content.decode()
    assert not AuditEvent.objects.filter(action="user.unlock").exists()


def test_the_password_again_does_not_forget_wrong_codes(users):
    """Issue 8, "a TOTP step must not be guessable without limit": signing in with the
    password again between guesses does not reset the count; a full sign-in does."""
    enroll(users["secretary"])
    for _ in range(2):
        client = Client()
        password_step(client, "stc_secretary")
        client.post(reverse("mfa-verify"), {"code": "000000"})
    client = Client()
    password_step(client, "stc_secretary")
    assert _locked(client.post(reverse("mfa-verify"), {"code": "000000"}))


def test_a_lockout_is_in_the_security_log(users, caplog):
    """Issue 8: "every sign-in, failure, lockout … is logged in UTC"."""
    for n in range(3):
        _fail("stc_member", f"10.0.3.{n + 1}")
    assert any('"event": "login.locked_out"' in r.getMessage() for r in caplog.records)
