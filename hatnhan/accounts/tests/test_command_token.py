"""`hatnhan token USERNAME` prints the account's API token, creating it once."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from hatnhan.audit.models import AuditEvent
from hatnhan.core.testing import api_client, writes_nothing


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue().strip()


def test_prints_a_working_token_and_keeps_it(users):
    key = run("stc_secretary")
    assert key == Token.objects.get(user=users["secretary"]).key
    assert run("STC_SECRETARY") == key  # asked again: the same token, no second event
    assert AuditEvent.objects.filter(action="token.create").count() == 1
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/members/").status_code == 200


def test_unknown_or_locked_account_is_refused(users):
    with writes_nothing(), pytest.raises(CommandError, match="Không có tài khoản “nobody”"):
        run("nobody")
    users["inspector"].is_active = False
    users["inspector"].save(update_fields=["is_active"])
    with writes_nothing(), pytest.raises(CommandError, match="đã bị khóa"):
        run("stc_inspector")
    assert not Token.objects.exists()
    with pytest.raises(CommandError, match="Thiếu TÊN_ĐĂNG_NHẬP"):
        run()
    assert not Token.objects.exists()


def test_token_event_is_filed_where_the_accounts_organization_reads_it(users, tree):
    from hatnhan.audit.selectors import visible_events

    run("stc_member")
    event = AuditEvent.objects.get(action="token.create")
    assert event.organization_path == tree["stc_cell"].path
    assert visible_events(users["secretary"]).filter(pk=event.pk).exists()
    assert not visible_events(users["other"]).filter(pk=event.pk).exists()


def test_every_event_is_filed_under_an_organization(users):
    run("stc_secretary")
    assert not AuditEvent.objects.filter(organization_path="").exists()
    assert not AuditEvent.objects.filter(filed_path="").exists()
