"""Guessing API tokens is throttled per address; a right token still works below the limit."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def call(token: str):
    client = APIClient(HTTP_ACCEPT="application/json")
    return client.get("/api/v1/members/", HTTP_AUTHORIZATION=f"Token {token}")


def test_wrong_tokens_are_answered_429_past_the_limit(users, settings):
    settings.API_TOKEN_FAILURES = 3
    statuses = [call("sai" * 10).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]


def test_a_locked_out_address_cannot_use_even_a_right_token(users, settings):
    settings.API_TOKEN_FAILURES = 2
    token = Token.objects.create(user=users["secretary"]).key
    assert call(token).status_code == 200
    call("sai"), call("sai")
    assert call(token).status_code == 429


@pytest.mark.parametrize("failures", [0, 1])
def test_below_the_limit_a_right_token_works(users, settings, failures):
    settings.API_TOKEN_FAILURES = 2
    token = Token.objects.create(user=users["secretary"]).key
    for _ in range(failures):
        call("sai")
    assert call(token).status_code == 200
