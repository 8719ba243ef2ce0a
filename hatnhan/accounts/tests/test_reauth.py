"""Re-authentication before sensitive changes: the page sends the user to "confirm your
password" and back; a wrong password is refused and logged; the confirmation lasts
REAUTH_MAX_AGE_SECONDS."""

import logging
import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from hatnhan.accounts.models import Role
from hatnhan.accounts.reauth import CONFIRMED_AT

pytestmark = pytest.mark.django_db


def test_granting_asks_for_the_password_then_comes_back(tree, users, signed_in, caplog):
    client = signed_in(users["admin"])
    grant_url = reverse("accounts:role-grant", args=[users["member"].pk])
    response = client.get(grant_url)
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == reverse("reauth")
    assert parse_qs(target.query)["next"] == [grant_url]

    with caplog.at_level(logging.INFO, logger="hatnhan.security"):
        wrong = client.post(response["Location"], {"password": "sai"})
    assert wrong.status_code == 200 and "Mật khẩu không đúng." in wrong.content.decode()
    assert any('"reauth.failed"' in r.message for r in caplog.records)

    right = client.post(response["Location"], {"password": "demo"})
    assert right.status_code == 302 and right["Location"] == grant_url
    assert client.get(grant_url).status_code == 200
    posted = client.post(grant_url, {"role": "committee", "organization": tree["stc"].pk})
    assert posted.status_code == 302
    assert Role.objects.filter(user=users["member"], role="committee").exists()


def test_a_confirmation_expires(users, signed_in, settings):
    settings.REAUTH_MAX_AGE_SECONDS = 600
    client = signed_in(users["admin"])
    session = client.session
    session[CONFIRMED_AT] = int(time.time()) - 601
    session.save()
    url = reverse("accounts:password-reset", args=[users["secretary"].pk])
    assert client.get(url)["Location"].startswith(reverse("reauth"))


def test_the_way_back_stays_on_this_site(users, signed_in):
    client = signed_in(users["admin"])
    response = client.post(reverse("reauth") + "?next=https://evil.example/", {"password": "demo"})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_an_htmx_request_is_sent_to_the_whole_page(users, signed_in):
    client = signed_in(users["admin"])
    url = reverse("accounts:role-grant", args=[users["member"].pk])
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("reauth"))


def test_out_of_reach_answers_404_before_asking_for_a_password(tree, users, stc_admin, signed_in):
    client = signed_in(stc_admin)
    url = reverse("accounts:role-grant", args=[users["other"].pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"role": "committee", "organization": tree["syt"].pk}).status_code == 404
    )


def test_one_function_decides_for_the_page_and_the_api(tree, users, signed_in, monkeypatch):
    """A second factor is added in confirm_identity alone: refusing there refuses both."""
    from hatnhan.accounts import reauth
    from hatnhan.core.testing import api_client

    seen: list[dict] = []

    def needs_a_code(request, user, *, password, **factors):
        seen.append(factors)
        return "Cần mã một lần."

    monkeypatch.setattr(reauth, "confirm_identity", needs_a_code)
    page = signed_in(users["admin"]).post(reverse("reauth"), {"password": "demo"})
    assert page.status_code == 200 and "Cần mã một lần." in page.content.decode()
    api = api_client(users["admin"]).post(
        f"/api/v1/accounts/{users['member'].pk}/grant-role/",
        {"role": "committee", "organization": tree["stc"].pk, "password": "demo"},
        format="json",
    )
    assert api.status_code == 403 and "Cần mã một lần." in api.json()["detail"]
    assert len(seen) == 2
