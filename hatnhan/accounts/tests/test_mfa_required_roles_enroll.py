"""Issue 8, "Two-factor sign-in (TOTP, with one-time recovery codes) required for admin, staff,
secretary, inspector and custodian roles; optional for members": a required role with no
authenticator is sent to enroll right after the password and reaches nothing else until it
has."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from hatnhan.accounts import mfa
from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import writes_nothing

from .helpers import password_step

pytestmark = pytest.mark.django_db


def test_the_required_roles_are_a_setting_with_custodian_kept(settings):
    assert set(settings.HATNHAN_MFA_REQUIRED_ROLES) == {
        "admin",
        "staff",
        "secretary",
        "inspector",
        "custodian",
    }


@pytest.mark.parametrize("key", ["admin", "staff", "secretary", "inspector"])
def test_a_required_role_is_sent_to_enroll_and_reaches_nothing_else(users, key):
    client = Client()
    response = password_step(client, users[key].username)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa-enroll"))
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("mfa-enroll"))
    assert client.get("/tasks/", HTTP_HX_REQUEST="true")["HX-Redirect"].startswith(
        reverse("mfa-enroll")
    )
    assert client.get("/api/v1/tasks/").status_code == 403
    # Signing out still works.
    assert client.post(reverse("logout")).status_code == 302


def test_enrollment_shows_a_qr_code_and_the_secret_and_a_code_turns_it_on(users):
    secretary = users["secretary"]
    client = Client()
    password_step(client, secretary.username)
    page = client.get(reverse("mfa-enroll"))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html
    device = TOTPDevice.objects.get(user=secretary, confirmed=False)
    assert mfa.secret_base32(device) in html
    # Reloading keeps the same secret (the app may already have scanned it).
    client.get(reverse("mfa-enroll"))
    assert TOTPDevice.objects.filter(user=secretary).count() == 1

    with writes_nothing():
        wrong = client.post(reverse("mfa-enroll"), {"code": "000000"})
    assert wrong.status_code == 200 and "Mã không đúng" in wrong.content.decode()

    done = client.post(reverse("mfa-enroll"), {"code": mfa.current_code(device)})
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    for code in done.context["codes"]:
        assert code in done.content.decode()
    assert TOTPDevice.objects.get(user=secretary).confirmed
    assert client.get(reverse("home")).status_code == 200
    event = AuditEvent.objects.get(action="user.mfa_enable")
    assert event.actor_id == secretary.pk and "recovery_codes" in event.after


def test_a_member_goes_straight_in_and_may_enroll_from_their_page(users):
    member = users["member"]
    client = Client()
    response = password_step(client, member.username)
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    page = client.get(reverse("mfa-settings"))
    assert "chưa bật" in page.content.decode()
    client.get(reverse("mfa-enroll"))
    device = TOTPDevice.objects.get(user=member)
    client.post(reverse("mfa-enroll"), {"code": mfa.current_code(device)})
    assert "đang bật" in client.get(reverse("mfa-settings")).content.decode()
    # From now on the member too is asked the code after the password.
    again = Client()
    assert password_step(again, member.username)["Location"].startswith(reverse("mfa-verify"))


def test_the_own_password_page_leads_to_the_two_factor_page(users, signed_in):
    page = signed_in(users["member"]).get(reverse("password-change")).content.decode()
    assert reverse("mfa-settings") in page


def test_the_account_page_queries_do_not_grow_with_codes_or_failures(users, signed_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .helpers import enroll

    admin = signed_in(users["admin"])
    url = reverse("accounts:detail", args=[users["secretary"].pk])
    admin.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin.get(url).status_code == 200
        return len(queries)

    before = count()
    enroll(users["secretary"])
    for n in range(4):
        password_step(Client(), "stc_secretary", "sai", REMOTE_ADDR=f"10.9.0.{n}")
    assert count() == before


def test_a_new_secretary_enrolls_first_then_changes_the_temporary_password(
    tree, users, make_member
):
    from hatnhan.accounts.services import create_account

    member = make_member(tree["stc_cell"], "Lê Thị Cúc")
    account, password = create_account(
        actor=users["admin"],
        username="stc.cuc",
        member=member,
        role="secretary",
        organization=tree["stc_cell"],
    )
    client = Client()
    assert password_step(client, "stc.cuc", password)["Location"].startswith(reverse("mfa-enroll"))
    client.get(reverse("mfa-enroll"))
    device = TOTPDevice.objects.get(user=account)
    assert client.post(reverse("mfa-enroll"), {"code": mfa.current_code(device)}).status_code == 200
    home = client.get(reverse("home"))
    assert home["Location"].startswith(reverse("password-change"))
