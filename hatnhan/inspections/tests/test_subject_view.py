"""The subject sees what is asked of it (issue 10; QĐ 296 on notifying the subject and sending
it the conclusion): the notice, its self-report, the conclusion sent to it, its remediation
tasks; never the team's working notes."""

import datetime as dt

from django.urls import reverse

from hatnhan.inspections import services
from hatnhan.inspections.models import EntryKind, Step


def test_a_secretary_of_the_subject_reads_only_the_subjects_view(
    client, case, advance, inspector, users, today
):
    """The STC secretary: the case page 404, the subject's page without the team's notes."""
    advance(case, Step.VERIFICATION)
    services.add_entry(
        actor=inspector,
        case=case,
        kind=EntryKind.NOTE,
        happened_on=today,
        text="GHI-CHEP-NOI-BO của đoàn",
    )
    client.force_login(users["secretary"])
    assert client.get(reverse("inspections:case", args=[case.pk])).status_code == 404
    assert client.get(reverse("inspections:reads", args=[case.pk])).status_code == 404
    assert client.get(reverse("inspections:decision-docx", args=[case.pk])).status_code == 404
    page = client.get(reverse("inspections:subject", args=[case.pk]))
    assert page.status_code == 200
    assert "Đề nghị chuẩn bị báo cáo" in page.text  # the notice
    assert "Báo cáo tự kiểm điểm" in page.text
    assert "GHI-CHEP-NOI-BO" not in page.text
    assert "Chưa niêm yết" not in page.text  # findings before the conclusion is sent


def test_before_the_notice_the_subject_sees_nothing(client, case, advance, users):
    """QĐ 296: preparation is the body's; the subject learns of the case by the notice."""
    advance(case, Step.NOTICE)
    client.force_login(users["secretary"])
    assert client.get(reverse("inspections:subject", args=[case.pk])).status_code == 404
    assert str(case.title) not in client.get(reverse("inspections:subject-list")).text


def test_the_subject_writes_its_self_report_from_its_view(client, case, advance, users):
    """QĐ 296: the subject's self-report (tự kiểm điểm) opens the conduct."""
    advance(case, Step.SELF_REPORT)
    client.force_login(users["secretary"])
    url = reverse("inspections:subject", args=[case.pk])
    client.post(url, {"text": "Chi bộ đã tự kiểm điểm"})
    case.refresh_from_db()
    assert case.self_report == "Chi bộ đã tự kiểm điểm" and case.step == Step.VERIFICATION


def test_after_the_conclusion_the_subject_reads_it_and_its_remediation(
    client, case, advance, committee, subject_owner, users, today
):
    """QĐ 296: the conclusion is sent to the subject, with what it must remedy."""
    advance(case, Step.RECOMMENDATIONS)
    rec = services.add_recommendation(
        actor=committee,
        finding=case.findings.get(),
        text="Niêm yết",
        owner=subject_owner,
        due_date=today + dt.timedelta(days=9),
    )
    client.force_login(users["secretary"])
    page = client.get(reverse("inspections:subject", args=[case.pk]))
    assert "Có thiếu sót, yêu cầu khắc phục" in page.text
    assert reverse("tasks:detail", args=[rec.task_id]) in page.text
    download = client.get(reverse("inspections:subject-conclusion-docx", args=[case.pk]))
    assert download.status_code == 200
