"""The read API: an organization's scorecard, its bloc rows, a member's and a head's, through
the restriction; an invalid period is a 400."""

from decimal import Decimal

from hatnhan.core.testing import api_client


def test_organization_scorecard_and_bloc_rows(stc_record, users, tree):
    client = api_client(users["staff"])
    data = client.get(f"/api/v1/scorecards/organizations/{tree['stc'].pk}/?year=2026").json()
    assert data["kind"] == "organization" and data["period_label"] == "Năm 2026"
    tasks = next(s for s in data["sections"] if s["key"] == "tasks")
    rate = next(f for f in tasks["figures"] if f["key"] == "tasks_on_time_rate")
    assert Decimal(rate["value"]) == Decimal("40.0") and len(rate["trend"]) == 12
    # The same months a year before: March 2025's one task on time, April's one late.
    before = {m["month"]: m["value"] for m in rate["previous_trend"]}
    assert Decimal(before["2025-03-01"]) == 100 and Decimal(before["2025-04-01"]) == 0
    theme = next(s for s in data["sections"] if s["key"] == "direction")
    assert all(f["previous_trend"] is None for f in theme["figures"])  # not by month
    rows = client.get(f"/api/v1/scorecards/organizations/{tree['bloc'].pk}/bloc/?year=2026").json()
    assert [r["organization_name"] for r in rows["rows"]] == [tree["stc"].name, tree["syt"].name]


def test_member_and_head(stc_record, users, tree):
    client = api_client(users["secretary"])
    head = stc_record["head"]
    assert client.get(f"/api/v1/scorecards/members/{head.pk}/").json()["kind"] == "member"
    assert client.get(f"/api/v1/scorecards/members/{head.pk}/head/").json()["kind"] == "head"
    plain = users["member"].member  # no seat, heads nothing
    assert client.get(f"/api/v1/scorecards/members/{plain.pk}/head/").status_code == 404


def test_another_organization_is_404_and_a_bad_period_400(stc_record, users, tree):
    client = api_client(users["other"])
    assert client.get(f"/api/v1/scorecards/organizations/{tree['stc'].pk}/").status_code == 404
    assert client.get(f"/api/v1/scorecards/organizations/{tree['stc'].pk}/bloc/").status_code == 404
    own = api_client(users["secretary"])
    bad = own.get(f"/api/v1/scorecards/organizations/{tree['stc'].pk}/?period=month&month=x")
    assert bad.status_code == 400
