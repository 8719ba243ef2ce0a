"""The history reads as a person expects: local times, translated labels, people by name."""

import datetime as dt

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from hatnhan.accounts.services import grant_role
from hatnhan.audit.models import AuditEvent
from hatnhan.audit.selectors import history_for_many, readable_history
from hatnhan.members.services import transfer_member, update_member

pytestmark = pytest.mark.django_db

EVENING_UTC = dt.datetime(2026, 12, 1, 18, 38, tzinfo=dt.UTC)  # 02/12/2026 01:38 in Vinh


def _render(objs, user) -> str:
    return Template("{% load audit %}{% object_history objs %}").render(
        Context({"objs": objs, "user": user})
    )


@pytest.fixture
def named_secretary(users, make_member, tree):
    """The STC secretary's account linked to a member: the history names the member."""
    secretary = users["secretary"]
    secretary.member = make_member(tree["stc"], "Nguyễn Quang Tùng")
    secretary.save(update_fields=["member"])
    return secretary


def test_event_time_is_local(monkeypatch, users, make_member):
    member = make_member(name="Lê Văn Cường")
    monkeypatch.setattr(timezone, "now", lambda: EVENING_UTC)
    update_member(actor=users["secretary"], member=member, post="Chuyên viên")
    html = _render([member], users["secretary"])
    assert "02/12/2026 01:38" in html and "01/12/2026 18:38" not in html


def test_a_recorded_time_value_is_shown_local():
    event = AuditEvent(
        object_type="accounts.user",
        object_id="1",
        action="user.update",
        before={"last_login": None},
        after={"last_login": EVENING_UTC.isoformat()},
    )
    (entry,) = readable_history([event])
    assert entry.changes[0].after == "02/12/2026 01:38"


def test_people_are_named_by_member_everywhere(named_secretary, users, make_member, tree):
    member = make_member(name="Lê Văn Cường")
    update_member(actor=named_secretary, member=member, post="Chuyên viên")
    html = _render([member], named_secretary)
    assert "Nguyễn Quang Tùng" in html and "stc_secretary" not in html
    # A change naming an account (whom a role was granted to) names the person too.
    grant = grant_role(
        actor=users["admin"], user=named_secretary, role="committee", organization=tree["stc"]
    )
    html = _render([grant], named_secretary)
    assert "<ins>Nguyễn Quang Tùng</ins>" in html
    assert "Nguyễn Quang Tùng: Cấp ủy viên @ STC" in html  # the role, as it was recorded
    # The operator's command line is "the system", in the reader's language.
    assert "hệ thống" in _render([member], named_secretary)
    assert "system" not in _render([member], named_secretary)


def test_field_labels_are_translated_vietnamese_first(users, make_member, tree):
    member = make_member(name="Lê Văn Cường")
    transfer = transfer_member(actor=users["admin"], member=member, to_organization=tree["stc"])
    events = history_for_many([transfer], users["admin"])
    (entry,) = readable_history(events)
    labels = {c.label for c in entry.changes}
    assert {"Đảng viên", "Từ", "Đến", "Ngày chuyển"} <= labels
    with translation.override("en"):
        (entry,) = readable_history(events)
        labels = {c.label for c in entry.changes}
    assert {"Party member", "Transfer date"} <= labels, labels


def test_every_recorded_field_has_a_translated_name():
    from django.apps import apps
    from django.utils.functional import Promise

    from hatnhan.audit.selectors import _HIDDEN_KEYS
    from hatnhan.audit.services import _DERIVED

    missing = [
        f"{model._meta.label}.{f.name}"
        for config in apps.get_app_configs()
        if config.name.startswith("hatnhan.")
        for model in config.get_models()
        for f in model._meta.concrete_fields
        if not f.primary_key
        and f.name not in _DERIVED | _HIDDEN_KEYS
        and not isinstance(f.verbose_name, Promise)
        and model._meta.label != "accounts.User"  # Django's own, translated by Django
    ]
    assert missing == []


def test_signed_in_user_is_shown_by_member_name_at_no_cost(client, named_secretary, tree):
    url = reverse("organizations:tree")
    client.force_login(named_secretary)
    with CaptureQueriesContext(connection) as named:
        html = client.get(url).content.decode()
    assert 'class="username" title="stc_secretary">Nguyễn Quang Tùng<' in html
    named_secretary.member = None
    named_secretary.save(update_fields=["member"])
    with CaptureQueriesContext(connection) as unnamed:
        html = client.get(url).content.decode()
    assert 'title="stc_secretary">stc_secretary<' in html
    assert len(named) == len(unnamed)


def test_move_events_are_named_in_both_languages(tree, users):
    from hatnhan.organizations.services import update_organization

    update_organization(actor=users["admin"], organization=tree["stc"], parent=tree["syt"])
    events = history_for_many([tree["stc_cell"]], users["admin"])
    assert readable_history(events)[0].action_label == "Chuyển theo tổ chức cấp trên"
    with translation.override("en"):
        assert readable_history(events)[0].action_label == "Moved with its parent organization"
