"""Correcting a term from its organization's page: audited, before/after in the history."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hatnhan.audit.models import AuditEvent
from hatnhan.organizations.models import Term
from hatnhan.organizations.services import create_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def term(tree):
    return create_term(
        actor=None, organization=tree["stc"], name="2020-2025", start_date=dt.date(2020, 6, 1)
    )


def _url(term: Term) -> str:
    return reverse("organizations:term-edit", kwargs={"term_id": term.pk})


def _detail(term: Term) -> str:
    return reverse("organizations:detail", kwargs={"organization_id": term.organization_id})


def test_the_detail_page_links_the_edit_for_those_who_may_change(client, term, users):
    client.force_login(users["secretary"])
    assert _url(term) in client.get(_detail(term)).content.decode()
    client.force_login(users["inspector"])
    assert _url(term) not in client.get(_detail(term)).content.decode()


def test_correcting_shows_before_and_after_in_the_history(client, term, users):
    client.force_login(users["secretary"])
    form = client.get(_url(term))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Sửa nhiệm kỳ" in html and 'value="2020-2025"' in html and "01/06/2020" in html
    response = client.post(
        _url(term), {"name": "2020–2025", "start_date": "01/06/2020", "end_date": "15/10/2025"}
    )
    assert response.status_code == 302 and response.url == _detail(term)
    term.refresh_from_db()
    assert (term.name, term.end_date) == ("2020–2025", dt.date(2025, 10, 15))
    event = AuditEvent.objects.get(action="term.update", object_id=str(term.pk))
    assert event.actor == users["secretary"]
    history = client.get(_detail(term)).content.decode()
    assert "Sửa nhiệm kỳ" in history
    assert "<del>2020-2025</del>" in history and "<ins>2020–2025</ins>" in history
    assert "<ins>15/10/2025</ins>" in history


def test_bad_input_is_on_the_form_and_writes_nothing(client, term, tree, users):
    create_term(
        actor=None, organization=tree["stc"], name="2025–2030", start_date=dt.date(2025, 10, 1)
    )
    client.force_login(users["secretary"])
    events = AuditEvent.objects.count()
    bad = client.post(
        _url(term), {"name": "2020-2025", "start_date": "01/06/2020", "end_date": "01/01/2019"}
    )
    assert bad.status_code == 200
    assert bad.context["form"].errors["end_date"] == ["“Đến ngày” phải sau “Từ ngày”."]
    bad = client.post(_url(term), {"name": "2025–2030", "start_date": "01/06/2020"})
    assert bad.context["form"].errors["name"] == ["Tổ chức đã có nhiệm kỳ “2025–2030”."]
    assert AuditEvent.objects.count() == events
    term.refresh_from_db()
    assert (term.name, term.end_date) == ("2020-2025", None)


def test_who_may_not_change_is_refused(client, term, users):
    client.force_login(users["inspector"])
    assert client.get(_url(term)).status_code == 403
    assert client.post(_url(term), {"name": "X", "start_date": "01/06/2020"}).status_code == 403
    client.force_login(users["other"])
    assert client.get(_url(term)).status_code == 404
    assert client.post(_url(term), {"name": "X", "start_date": "01/06/2020"}).status_code == 404
    assert Term.objects.get(pk=term.pk).name == "2020-2025"


def test_detail_page_queries_do_not_grow_with_terms(client, term, tree, users):
    client.force_login(users["secretary"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_detail(term)).status_code == 200
        return len(ctx)

    few = count()
    for year in range(2000, 2020, 5):
        create_term(
            actor=None,
            organization=tree["stc"],
            name=f"{year}–{year + 5}",
            start_date=dt.date(year, 6, 1),
        )
    assert count() == few
