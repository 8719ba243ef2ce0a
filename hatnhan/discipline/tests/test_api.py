"""/api/v1/discipline/: {member | organization, form, number, decided_on, effective_on,
deciding_body, reason, case?, self_reported} with the glossary's form names; filters by
subject, form, organization, year; refusals 400 naming the field; corrections by POST."""

import pytest

from hatnhan.discipline.models import DisciplineDecision

pytestmark = [pytest.mark.django_db]

URL = "/api/v1/discipline/"


def _payload(**values):
    data = {
        "form": "warning",
        "number": "08-QĐ/UBKT",
        "decided_on": "2026-03-02",
        "reason": "Vi phạm quy chế",
        "self_reported": False,
    }
    data.update(values)
    return data


def test_create_and_read(client, users, full_member, tree):
    client.force_login(users["inspector"])
    response = client.post(
        URL,
        _payload(member=full_member.pk, deciding_body=tree["stc"].pk, self_reported=True),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["form"] == "warning" and body["member"] == full_member.pk
    assert body["organization"] is None and body["effective_on"] == "2026-03-02"
    assert body["self_reported"] is True and body["document_url"].endswith("/document/")
    assert client.get(f"{URL}{body['id']}/").json()["number"] == "08-QĐ/UBKT"


def test_organization_subject(client, users, tree):
    client.force_login(users["secretary"])
    response = client.post(
        URL,
        _payload(organization=tree["stc_cell"].pk, deciding_body=tree["stc"].pk, form="reprimand"),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["organization"] == tree["stc_cell"].pk


def test_refusal_names_the_field(client, users, probationary, tree):
    client.force_login(users["secretary"])
    response = client.post(
        URL,
        _payload(member=probationary.pk, deciding_body=tree["stc"].pk, form="dismissal"),
        content_type="application/json",
    )
    assert response.status_code == 400 and "form" in response.json()
    assert not DisciplineDecision.objects.exists()


def test_other_organization_member_is_not_found(client, users, full_member, tree):
    client.force_login(users["other"])
    response = client.post(
        URL,
        _payload(member=full_member.pk, deciding_body=tree["syt"].pk),
        content_type="application/json",
    )
    assert response.status_code == 400 and "member" in response.json()


def test_filters(client, users, decide, full_member, probationary, tree):
    decide(member=full_member, form="warning", number="F-1")
    decide(member=probationary, form="reprimand", number="F-2")
    decide(organization=tree["stc_cell"], form="reprimand", number="F-3")
    client.force_login(users["secretary"])

    def numbers(query):
        return sorted(r["number"] for r in client.get(URL + query).json()["results"])

    assert numbers(f"?member={full_member.pk}") == ["F-1"]
    assert numbers(f"?subject_organization={tree['stc_cell'].pk}") == ["F-3"]
    assert numbers("?form=reprimand") == ["F-2", "F-3"]
    assert numbers(f"?organization={tree['stc'].pk}&year=2026") == ["F-1", "F-2", "F-3"]
    assert numbers("?year=2025") == []
    assert client.get(URL + "?form=exile").status_code == 400
    assert client.get(URL + f"?organization={tree['syt'].pk}").status_code == 404


def test_correction_action(client, users, decide, full_member, tree):
    decision = decide(member=full_member, form="reprimand")
    client.force_login(users["secretary"])
    response = client.post(
        f"{URL}{decision.pk}/corrections/",
        {
            "kind": "amendment",
            "number": "12-QĐ/ĐU",
            "decided_on": "2026-04-01",
            "deciding_body": tree["stc"].pk,
            "reason": "Xem xét lại",
            "form": "warning",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["form"] == "warning"
    assert response.json()["corrections"][0]["changes"]["form"] == ["reprimand", "warning"]


def test_documented_in_the_schema(client, users):
    client.force_login(users["secretary"])
    schema = client.get("/api/schema/")
    text = schema.content.decode()
    assert "/api/v1/discipline/" in text and "dissolution" in text
