"""The administration pages: who sees them, the list's search, filters and order, the
account page's roles and history, and refusals logged."""

import logging
import unicodedata

import pytest
from django.urls import reverse

from hatnhan.accounts.services import create_account, revoke_role, set_active

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [a.username for a in response.context["accounts"]]


def test_only_account_managers_open_the_list(users, signed_in, caplog):
    assert signed_in(users["admin"]).get(reverse("accounts:list")).status_code == 200
    assert signed_in(users["staff"]).get(reverse("accounts:list")).status_code == 200
    with caplog.at_level(logging.WARNING, logger="hatnhan.security"):
        assert signed_in(users["secretary"]).get(reverse("accounts:list")).status_code == 403
    assert any('"authorization.refused"' in r.message for r in caplog.records)


def test_the_list_holds_the_subtree_only(users, stc_admin, signed_in):
    names = _names(signed_in(stc_admin).get(reverse("accounts:list")))
    assert "stc_secretary" in names and "stc_member" in names
    assert "syt_secretary" not in names and "admin" not in names


def test_another_subtrees_account_answers_404_and_is_logged(users, stc_admin, signed_in, caplog):
    client = signed_in(stc_admin)
    other = users["other"].pk
    with caplog.at_level(logging.WARNING, logger="hatnhan.security"):
        for name in ("detail", "deactivate", "reactivate", "password-reset"):
            assert client.get(reverse(f"accounts:{name}", args=[other])).status_code == 404
        assert client.post(reverse("accounts:deactivate", args=[other])).status_code == 404
        revoke = reverse("accounts:role-revoke", args=[users["other"].roles.get().pk])
        assert client.post(revoke).status_code == 404
    assert sum('"account.not_found"' in r.message for r in caplog.records) >= 4
    users["other"].refresh_from_db()
    assert users["other"].is_active


def test_search_ignores_diacritics_and_unicode_form(tree, users, make_member, signed_in):
    member = make_member(tree["stc_cell"], "Nguyễn Quang Tùng", party_card_number="TC-0042")
    create_account(
        actor=None, username="stc.tung", member=member, role="member", organization=tree["stc_cell"]
    )
    client = signed_in(users["admin"])
    for query in (
        "nguyen tung",
        "NGUYỄN QUANG TÙNG",
        unicodedata.normalize("NFD", "Tùng"),
        "tc-0042",
    ):
        assert _names(client.get(reverse("accounts:list"), {"q": query})) == ["stc.tung"], query


def test_filters_and_vietnamese_order(tree, users, make_member, signed_in):
    # By given name: Bình before Cường, whatever the family name.
    for name, username in (("Trần Văn Cường", "c"), ("Vũ Thị Bình", "b")):
        member = make_member(tree["syt_cell"], name)
        create_account(
            actor=None,
            username=username,
            member=member,
            role="member",
            organization=tree["syt_cell"],
        )
    client = signed_in(users["admin"])
    assert _names(client.get(reverse("accounts:list"), {"organization": tree["syt"].pk})) == [
        "b",
        "c",
        "syt_secretary",
    ]
    assert _names(client.get(reverse("accounts:list"), {"role": "secretary"})) == [
        "stc_secretary",
        "syt_secretary",
    ]
    set_active(actor=None, user=users["committee"], active=False)
    assert _names(client.get(reverse("accounts:list"), {"active": "false"})) == ["stc_committee"]
    refused = client.get(reverse("accounts:list"), {"active": "perhaps", "organization": "²"})
    assert _names(refused) == [] and len(refused.context["filter_problems"]) == 2


def test_list_queries_do_not_grow_with_rows(tree, users, make_member, signed_in):
    client = signed_in(users["admin"])
    client.get(reverse("accounts:list"))  # the session and caches warm

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("accounts:list")).status_code == 200
        return len(queries)

    before = count()
    for n in range(6):
        member = make_member(tree["stc_cell"], f"Đỗ Văn {chr(65 + n)}")
        create_account(
            actor=None,
            username=f"m{n}",
            member=member,
            role="member",
            organization=tree["stc_cell"],
        )
    assert count() == before


def test_the_account_page_shows_roles_and_history(tree, users, signed_in):
    revoke_role(actor=users["admin"], role=users["member"].roles.get())
    set_active(actor=users["admin"], user=users["member"], active=False)
    html = (
        signed_in(users["admin"])
        .get(reverse("accounts:detail", args=[users["member"].pk]))
        .content.decode()
    )
    for label in ("Tạo tài khoản", "Cấp vai trò", "Thu hồi vai trò", "Khóa tài khoản"):
        assert label in html
    assert "Không giữ vai trò nào." in html


def test_pages_deactivate_revoke_and_reset(tree, users, signed_in):
    client = signed_in(users["admin"], confirmed=True)
    secretary = users["secretary"]
    assert client.get(reverse("accounts:deactivate", args=[secretary.pk])).status_code == 200
    assert client.post(reverse("accounts:deactivate", args=[secretary.pk])).status_code == 302
    secretary.refresh_from_db()
    assert not secretary.is_active
    client.post(reverse("accounts:reactivate", args=[secretary.pk]))
    secretary.refresh_from_db()
    assert secretary.is_active
    response = client.post(reverse("accounts:password-reset", args=[secretary.pk]))
    assert response.status_code == 200 and 'id="temporary-password"' in response.content.decode()
    role = secretary.roles.get()
    assert client.post(reverse("accounts:role-revoke", args=[role.pk])).status_code == 302
    assert not secretary.roles.exists()


def test_a_refusal_on_a_page_says_why(users, signed_in, stc_admin):
    client = signed_in(stc_admin, confirmed=True)
    response = client.post(
        reverse("accounts:role-revoke", args=[stc_admin.roles.get().pk]), follow=True
    )
    assert "quản trị cuối cùng" in response.content.decode()


def test_a_refused_grant_on_the_form_is_shown_and_logged(tree, users, signed_in, caplog):
    client = signed_in(users["staff"], confirmed=True)
    url = reverse("accounts:role-grant", args=[users["member"].pk])
    with caplog.at_level(logging.WARNING, logger="hatnhan.security"):
        response = client.post(url, {"role": "admin", "organization": tree["stc"].pk})
    assert response.status_code == 200
    assert "Quản trị hệ thống" in " ".join(response.context["form"].non_field_errors())
    assert any('"authorization.refused"' in r.message for r in caplog.records)
