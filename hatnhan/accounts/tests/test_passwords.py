"""The holder changes their password (old + new, Django's validators, Vietnamese messages);
an administrator resets one (a temporary password, forced change, every session ended)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hatnhan.accounts.services import api_token, change_password, reset_password
from hatnhan.core.testing import writes_nothing

from .helpers import has_token, live_sessions

pytestmark = pytest.mark.django_db


def test_change_keeps_this_session_and_ends_the_others(users, signed_in):
    secretary = users["secretary"]
    here, elsewhere = signed_in(secretary), signed_in(secretary)
    api_token(actor=None, user=secretary)
    response = here.post(
        reverse("password-change"),
        {
            "old_password": "demo",
            "new_password": "Hoa-sen-2026",
            "new_password_again": "Hoa-sen-2026",
        },
    )
    assert response.status_code == 302
    assert here.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home")).status_code == 302
    assert live_sessions(secretary) == 1 and not has_token(secretary)
    secretary.refresh_from_db()
    assert secretary.check_password("Hoa-sen-2026")


@pytest.mark.parametrize(
    ("old", "new", "again", "field", "message"),
    [
        ("sai", "Hoa-sen-2026", "Hoa-sen-2026", "old_password", "Mật khẩu hiện tại không đúng."),
        ("demo", "abc", "abc", "new_password", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ("demo", "password", "password", "new_password", "Mật khẩu này quá phổ biến."),
        ("demo", "Hoa-sen-2026", "Hoa-sen-2027", "new_password_again", "không khớp"),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(
    users, signed_in, old, new, again, field, message
):
    client = signed_in(users["secretary"])
    with writes_nothing():
        response = client.post(
            reverse("password-change"),
            {"old_password": old, "new_password": new, "new_password_again": again},
        )
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    users["secretary"].refresh_from_db()
    assert users["secretary"].check_password("demo")


def test_the_service_refuses_the_same_password(users):
    with writes_nothing(), pytest.raises(ValidationError):
        change_password(user=users["secretary"], old_password="demo", new_password="demo")


def test_reset_sets_a_temporary_password_and_ends_everything(users, signed_in):
    secretary = users["secretary"]
    signed_in(secretary)
    api_token(actor=None, user=secretary)
    password = reset_password(actor=users["admin"], user=secretary)
    secretary.refresh_from_db()
    assert secretary.must_change_password and secretary.check_password(password)
    assert len(password) == 12
    assert live_sessions(secretary) == 0 and not has_token(secretary)


def test_no_one_resets_their_own_password_or_one_above_reach(users, stc_admin):
    with writes_nothing(), pytest.raises(PermissionDenied):
        reset_password(actor=users["admin"], user=users["admin"])
    with writes_nothing(), pytest.raises(PermissionDenied):
        reset_password(actor=users["staff"], user=users["admin"])
    with writes_nothing(), pytest.raises(PermissionDenied):
        reset_password(actor=stc_admin, user=users["other"])
