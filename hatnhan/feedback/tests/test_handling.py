"""A handler's flow: verify, triage, answer, a task or an inspection case in one step, close."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hatnhan.core.testing import writes_nothing
from hatnhan.feedback import services
from hatnhan.feedback.models import Status
from hatnhan.inspections.models import ItemKind
from hatnhan.tasks.models import SourceKind

pytestmark = pytest.mark.django_db


def test_triage_answer_close(report, users, today):
    secretary = users["secretary"]
    services.triage_report(actor=secretary, report=report, note="Thuộc thẩm quyền.", today=today)
    report.refresh_from_db()
    assert report.status == Status.TRIAGED and report.answer_due > today
    services.answer_report(
        actor=secretary, report=report, answer="Đã làm việc với cán bộ.", today=today
    )
    services.close_report(
        actor=secretary, report=report, substantiated=True, outcome="Kiểm điểm cán bộ.", today=today
    )
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.substantiated is True
    assert report.closed_on == today and report.answered_on == today


def test_verify_moves_a_report_out_of_the_slow_queue(file_report, users):
    report, _ = file_report(verified=False)
    assert report.status == Status.TO_VERIFY
    services.verify_report(actor=users["committee"], report=report)
    report.refresh_from_db()
    assert report.status == Status.RECEIVED


def test_a_report_becomes_a_task_in_one_step(report, users, make_member, tree):
    owner = make_member(tree["stc"], "Đỗ Văn Xử")
    services.triage_report(actor=users["secretary"], report=report)
    task = services.report_to_task(
        actor=users["secretary"], report=report, owner=owner, due_date=dt.date(2099, 1, 1)
    )
    report.refresh_from_db()
    assert report.task == task
    assert task.source_kind == SourceKind.CITIZEN_FEEDBACK
    assert task.source_ref == f"feedback.feedbackreport:{report.pk}"
    assert task.organization == tree["stc"]


def test_a_report_becomes_an_inspection_case_in_one_step(report, users, tree):
    services.triage_report(actor=users["secretary"], report=report)
    case = services.report_to_case(actor=users["secretary"], report=report)
    report.refresh_from_db()
    assert report.case == case
    assert case.kind == ItemKind.SIGNS_OF_VIOLATION
    assert report.receipt_code in case.content


def test_closing_before_the_answer_is_refused(report, users):
    services.triage_report(actor=users["secretary"], report=report)
    with writes_nothing(), pytest.raises(ValidationError) as error:
        services.close_report(
            actor=users["secretary"], report=report, substantiated=False, outcome="x"
        )
    assert "outcome" in error.value.message_dict


def test_answering_before_triage_is_refused(report, users):
    with writes_nothing(), pytest.raises(ValidationError):
        services.answer_report(actor=users["secretary"], report=report, answer="Trả lời")


@pytest.mark.parametrize("who", ["member", "other", "inspector"])
def test_others_may_not_handle(report, users, who):
    with writes_nothing(), pytest.raises(PermissionDenied):
        services.triage_report(actor=users[who], report=report)


def test_pages_walk_the_flow(client, report, users, make_member, tree):
    client.force_login(users["secretary"])
    assert client.get(reverse("feedback:board")).status_code == 200
    assert client.get(reverse("feedback:report", args=[report.pk])).status_code == 200
    response = client.post(reverse("feedback:triage", args=[report.pk]), {"note": "Tiếp nhận"})
    assert response.status_code == 302
    response = client.post(reverse("feedback:answer", args=[report.pk]), {"answer": "Đã xử lý."})
    assert response.status_code == 302
    response = client.post(
        reverse("feedback:close", args=[report.pk]),
        {"substantiated": "no", "outcome": "Không đúng."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.substantiated is False


@pytest.mark.parametrize("who", ["member", "other"])
def test_others_get_404_on_the_pages(client, report, users, who):
    client.force_login(users[who])
    with writes_nothing():
        assert client.get(reverse("feedback:report", args=[report.pk])).status_code == 404
        assert client.post(reverse("feedback:triage", args=[report.pk]), {}).status_code == 404


def test_the_export_is_an_excel_file_under_the_filters(client, report, users):
    client.force_login(users["secretary"])
    response = client.get(reverse("feedback:export"), {"status": "received"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("feedback:export"), {"status": "nope"}).status_code == 400
