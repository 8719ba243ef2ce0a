"""/api/v1/terms/: committee terms, created through the service."""

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
    assert response.json() == {"end_date": ["Ngày kết thúc phải sau ngày bắt đầu."]}
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
    assert api_client(users["admin"]).patch(f"/api/v1/terms/{term.pk}/", {}).status_code == 405
