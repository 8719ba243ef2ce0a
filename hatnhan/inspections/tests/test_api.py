"""The API's inspection lists (issue 10): program items, cases with their steps, findings;
filters by subject, kind, step and organization; restricted like the pages."""

from django.urls import reverse

from hatnhan.inspections.models import ItemKind, Step


def test_cases_carry_their_steps_and_filter_by_step_kind_and_subject(
    client, make_case, advance, inspector, tree
):
    first = advance(make_case(), Step.PLAN)
    make_case(kind=ItemKind.SPOT_CHECK, subject_organization=tree["syt"], title="Đột xuất SYT")
    client.force_login(inspector)
    url = reverse("inspection-case-list")
    everything = client.get(url).json()
    assert everything["count"] == 2
    one = client.get(url, {"step": "plan"}).json()["results"]
    assert [c["id"] for c in one] == [first.pk]
    assert [s["step"] for s in one[0]["steps"]] == ["decision", "team"]
    assert one[0]["phase"] == "preparation" and one[0]["step_due"]
    assert client.get(url, {"kind": "spot_check"}).json()["count"] == 1
    assert client.get(url, {"subject": tree["stc"].pk}).json()["count"] == 1
    assert client.get(url, {"organization": tree["bloc"].pk}).json()["count"] == 2
    refused = client.get(url, {"step": "nope"})
    assert refused.status_code == 400


def test_findings_and_items_filter_and_stay_in_reach(client, case, advance, inspector, users, tree):
    advance(case, Step.RECOMMENDATIONS)
    client.force_login(inspector)
    findings = client.get(reverse("inspection-finding-list"), {"severity": "minor"}).json()
    assert findings["count"] == 1 and findings["results"][0]["case"] == case.pk
    assert (
        client.get(reverse("inspection-finding-list"), {"severity": "grave"}).json()["count"] == 0
    )
    client.force_login(users["other"])
    assert client.get(reverse("inspection-case-list")).json()["count"] == 0
    assert client.get(reverse("inspection-case-detail", args=[case.pk])).status_code == 404
    # The subject's secretary reads the subject's view only: no case through the API.
    client.force_login(users["secretary"])
    assert client.get(reverse("inspection-case-list")).json()["count"] == 0
