"""Issue 8, "the second step refuses a reused code", under a race: two sign-ins sending the
same code at the same moment (a code read over someone's shoulder) — django-otp locks the
device row, so exactly one is accepted."""

import pytest
from django.test import RequestFactory

from hatnhan.accounts import mfa
from hatnhan.core.testing import run_concurrently

from .helpers import enroll


@pytest.mark.django_db(transaction=True)
def test_one_code_sent_twice_at_once_is_accepted_once(users):
    device, _ = enroll(users["secretary"])
    code = mfa.next_code(device)

    def attempt() -> bool:
        request = RequestFactory().post("/accounts/2fa/", REMOTE_ADDR="10.0.5.1")
        return mfa.check_code(request, users["secretary"], code) is not None

    assert sorted(run_concurrently(attempt, attempt)) == [False, True]
