"""/api/v1/terms/: committee terms, created and corrected through the services."""

import datetime as dt

from hatnhan.core.testing import api_client, writes_nothing
from hatnhan.organizations.models import Term
from hatnhan.organizations.services import create_term


def test_create_and_list(users, tree):
    client = api_client(users["secretary"])
    response = client.post(
        "/api/v1/terms/",
        {"organization": tree["stc"].pk, "name": "2025–2030", "start_date": "2025-10-01"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    term = Term.objects.get(pk=response.json()["id"])
    assert response.json() == {
        "id": term.pk,
        "organization": tree["stc"].pk,
        "name": "2025–2030",
        "start_date": "2025-10-01",
        "end_date": None,
    }
    listed = client.get("/api/v1/terms/", {"organization": tree["stc"].pk}).json()
    assert [row["id"] for row in listed["results"]] == [term.pk]


def test_end_before_start_is_400(users, tree):
    response = api_client(users["secretary"]).post(
        "/api/v1/terms/",
        {
            "organization": tree["stc"].pk,
            "name": "X",
            "start_date": "2025-10-01",
            "end_date": "2020-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"end_date": ["“Đến ngày” phải sau “Từ ngày”."]}
    assert not Term.objects.exists()


def test_reach(users, tree):
    term = create_term(
        actor=None, organization=tree["stc"], name="2020–2025", start_date=dt.date(2020, 6, 1)
    )
    other = api_client(users["other"])
    assert other.get(f"/api/v1/terms/{term.pk}/").status_code == 404
    assert other.get("/api/v1/terms/", {"organization": tree["stc"].pk}).status_code == 404
    inspector = api_client(users["inspector"])
    assert inspector.get(f"/api/v1/terms/{term.pk}/").status_code == 200
    with writes_nothing():
        refused = inspector.post(
            "/api/v1/terms/",
            {"organization": tree["stc"].pk, "name": "X", "start_date": "2025-10-01"},
            format="json",
        )
    assert refused.status_code == 403
    assert inspector.patch(f"/api/v1/terms/{term.pk}/", {"name": "X"}).status_code == 403
    assert other.patch(f"/api/v1/terms/{term.pk}/", {"name": "X"}).status_code == 404
    assert Term.objects.get(pk=term.pk).name == "2020–2025"


def test_patch_corrects_a_term_audited_with_before_and_after(users, tree):
    from hatnhan.audit.models import AuditEvent

    term = create_term(
        actor=None, organization=tree["stc"], name="2020-2025", start_date=dt.date(2020, 6, 1)
    )
    client = api_client(users["secretary"])
    response = client.patch(
        f"/api/v1/terms/{term.pk}/",
        {"name": "2020–2025", "end_date": "2025-10-15"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "2020–2025"
    assert response.json()["end_date"] == "2025-10-15"
    event = AuditEvent.objects.filter(action="term.update", object_id=str(term.pk)).get()
    assert (event.before["name"], event.after["name"]) == ("2020-2025", "2020–2025")
    assert (event.before["end_date"], event.after["end_date"]) == (None, "2025-10-15")
    assert event.actor == users["secretary"]


def test_patch_refuses_bad_input_naming_the_field_and_changes_nothing(users, tree):
    from hatnhan.audit.models import AuditEvent

    term = create_term(
        actor=None, organization=tree["stc"], name="2020–2025", start_date=dt.date(2020, 6, 1)
    )
    create_term(
        actor=None, organization=tree["stc"], name="2025–2030", start_date=dt.date(2025, 10, 1)
    )
    client = api_client(users["secretary"])
    events = AuditEvent.objects.count()
    cases = [
        ({"end_date": "2019-01-01"}, {"end_date": ["“Đến ngày” phải sau “Từ ngày”."]}),
        ({"name": "2025–2030"}, {"name": ["Tổ chức đã có nhiệm kỳ “2025–2030”."]}),
        ({"organization": tree["syt"].pk}, None),
    ]
    for body, errors in cases:
        response = client.patch(f"/api/v1/terms/{term.pk}/", body, format="json")
        assert response.status_code == 400, body
        if errors is not None:
            assert response.json() == errors
    assert AuditEvent.objects.count() == events
    term.refresh_from_db()
    assert (term.name, term.end_date, term.organization_id) == ("2020–2025", None, tree["stc"].pk)
