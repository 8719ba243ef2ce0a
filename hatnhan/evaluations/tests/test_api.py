"""The API contract of issue 12, as other systems call it."""

import datetime as dt

import pytest

from hatnhan.core.testing import api_client, writes_nothing
from hatnhan.evaluations.models import Evaluation
from hatnhan.evaluations.tests.conftest import YEAR


@pytest.fixture
def bob(users):
    return users["member"].member


def _create(client, tree, **extra):
    body = {
        "organization": tree["stc"].pk,
        "period_start": f"{YEAR}-01-01",
        "period_end": f"{YEAR}-12-31",
        "rulebook": "qd366-2025",
        "subjects": "members",
    } | extra
    return client.post("/api/v1/evaluation-rounds/", body, format="json")


def test_create_compute_list_review_decide(tree, users, bob, make_task):
    make_task(bob, dt.date(YEAR, 3, 1), outcome="exceeded")
    make_task(bob, dt.date(YEAR, 4, 1))
    committee = api_client(users["committee"])
    created = _create(committee, tree)
    assert created.status_code == 201, created.json()
    assert set(created.json()) >= {"id", "status"}
    assert created.json()["status"] == "draft"
    rid = created.json()["id"]
    computed = committee.post(f"/api/v1/evaluation-rounds/{rid}/compute/")
    assert computed.status_code == 200
    shown = committee.get(f"/api/v1/evaluation-rounds/{rid}/").json()
    assert shown["status"] == "computed"
    assert shown["progress"]["percent"] == 100
    rows = committee.get(f"/api/v1/evaluations/?round={rid}").json()
    assert rows["count"] == 1
    row = rows["results"][0]
    assert row["member"] == bob.pk
    for key in ("tasks_due", "tasks_done", "tasks_on_time", "tasks_exceeded", "tasks_overdue"):
        assert key in row["metrics"]
    assert row["metrics"]["tasks_due"] == 2
    assert {"rule", "clause", "passed", "detail"} <= set(row["explanation"][0])
    reviewed = committee.post(
        f"/api/v1/evaluations/{row['id']}/review/",
        {"general_score": 28, "comment": "Gương mẫu"},
        format="json",
    )
    assert reviewed.status_code == 200, reviewed.json()
    assert reviewed.json()["total_score"] == "98.00"
    assert reviewed.json()["proposed_level"] == "excellent"
    decided = committee.post(
        f"/api/v1/evaluations/{row['id']}/decide/", {"final_level": "excellent"}, format="json"
    )
    assert decided.status_code == 200
    assert decided.json()["final_level"] == "excellent"


def test_a_member_sees_and_self_assesses_only_their_own_row(
    tree, users, bob, make_member, make_round, compute
):
    other = make_member(name="Người Khác")
    round = compute(make_round())
    mine = round.evaluations.get(member=bob)
    theirs = round.evaluations.get(member=other)
    member = api_client(users["member"])
    listed = member.get(f"/api/v1/evaluations/?round={round.pk}").json()
    assert [r["id"] for r in listed["results"]] == [mine.pk]
    assert member.get(f"/api/v1/evaluations/{theirs.pk}/").status_code == 404
    with writes_nothing():
        refused = member.post(
            f"/api/v1/evaluations/{theirs.pk}/self-assessment/", {"strengths": "x"}, format="json"
        )
    assert refused.status_code == 404
    done = member.post(
        f"/api/v1/evaluations/{mine.pk}/self-assessment/",
        {"self_form": "2B", "strengths": "Hoàn thành nhiệm vụ", "general_score": 27},
        format="json",
    )
    assert done.status_code == 200, done.json()
    assert done.json()["self_general_score"] == 27
    with writes_nothing():
        review = member.post(
            f"/api/v1/evaluations/{mine.pk}/review/", {"general_score": 30}, format="json"
        )
    assert review.status_code == 403


def test_another_organization_gets_404(tree, users, make_round, compute, make_member):
    make_member(name="Ai Đó")
    round = compute(make_round())
    row = round.evaluations.first()
    other = api_client(users["other"])
    assert other.get(f"/api/v1/evaluation-rounds/{round.pk}/").status_code == 404
    with writes_nothing():
        assert other.post(f"/api/v1/evaluation-rounds/{round.pk}/compute/").status_code == 404
        assert (
            other.post(
                f"/api/v1/evaluations/{row.pk}/decide/", {"final_level": "good"}, format="json"
            ).status_code
            == 404
        )
    with writes_nothing():
        assert _create(other, tree).status_code == 400


def test_bad_input_is_refused_in_vietnamese(tree, users):
    committee = api_client(users["committee"])
    with writes_nothing():
        bad = _create(committee, tree, rulebook="khong-co", subjects="ai")
    assert bad.status_code == 400
    assert set(bad.json()) >= {"rulebook", "subjects"} or "rulebook" in str(bad.json())


def test_a_different_final_level_needs_a_reason(users, bob, make_task, make_round, compute):
    make_task(bob, dt.date(YEAR, 3, 1))
    round = compute(make_round())
    row = round.evaluations.get(member=bob)
    committee = api_client(users["committee"])
    committee.post(f"/api/v1/evaluations/{row.pk}/review/", {"general_score": 25}, format="json")
    with writes_nothing():
        refused = committee.post(
            f"/api/v1/evaluations/{row.pk}/decide/", {"final_level": "excellent"}, format="json"
        )
    assert refused.status_code == 400
    assert "lý do" in str(refused.json())
    ok = committee.post(
        f"/api/v1/evaluations/{row.pk}/decide/",
        {"final_level": "excellent", "reason": "Thành tích đột xuất được khen thưởng"},
        format="json",
    )
    assert ok.status_code == 200
    assert Evaluation.objects.get(pk=row.pk).decision_reason.startswith("Thành tích")


def test_list_query_count_is_constant(
    users, make_member, make_round, compute, make_task, django_assert_max_num_queries
):
    for i in range(3):
        make_task(make_member(name=f"Đảng Viên {i}"), dt.date(YEAR, 3, 1))
    round = compute(make_round())
    committee = api_client(users["committee"])

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert committee.get(f"/api/v1/evaluations/?round={round.pk}").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(5):
        make_task(make_member(name=f"Thêm {i}"), dt.date(YEAR, 3, 1))
    compute(round)
    assert count() == few
