"""The briefing pages render for those in reach, write through the services, and the
secretary's home page shows the briefing calendar and what is overdue."""

import datetime as dt

import pytest

from hatnhan.briefings.models import Briefing, BriefingDuty
from hatnhan.briefings.tests.conftest import CONTENT
from hatnhan.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_list_and_duty_pages(client, users, duty, filed):
    client.force_login(users["secretary"])
    listing = client.get("/briefings/").content.decode()
    assert "Phạm Văn Hải" in listing and "6 tháng một lần" in listing
    page = client.get(f"/briefings/duties/{duty.pk}/?year=2026").content.decode()
    assert "Lịch báo cáo năm 2026" in page and "Đúng hạn" in page
    assert client.get(f"/briefings/duties/{duty.pk}/?year=abc").status_code == 200


def test_secretary_sets_a_duty_by_form(client, users, tree, head):
    client.force_login(users["secretary"])
    assert client.get("/briefings/duties/new/").status_code == 200
    response = client.post(
        "/briefings/duties/new/",
        {
            "organization": tree["stc"].pk,
            "head": head.pk,
            "frequency": "quarterly",
            "due_days_after_period": "10",
            "starts_on": "01/01/2026",
        },
    )
    duty = BriefingDuty.objects.get()
    assert response.status_code == 302 and duty.frequency == "quarterly"


def test_head_files_by_form_with_a_file(client, head_user, duty):
    from hatnhan.tasks.tests.conftest import png

    client.force_login(head_user)
    assert client.get(f"/briefings/duties/{duty.pk}/file/").status_code == 200
    response = client.post(
        f"/briefings/duties/{duty.pk}/file/",
        {"period_start": "2026-01-01", **CONTENT, "files": [png("bang-so-lieu.png")]},
    )
    assert response.status_code == 302
    briefing = Briefing.objects.get()
    assert briefing.files.count() == 1 and not briefing.on_behalf


def test_form_refusal_named_nothing_written(client, head_user, duty):
    client.force_login(head_user)
    response = client.post(
        f"/briefings/duties/{duty.pk}/file/", {"period_start": "2026-01-01", "results": ""}
    )
    assert response.status_code == 200
    assert "Chưa nhập “Kết quả thực hiện nhiệm vụ chính trị”" in response.content.decode()
    assert not Briefing.objects.exists()


def test_secretary_page_says_filed_on_behalf(client, users, duty):
    client.force_login(users["secretary"])
    page = client.get(f"/briefings/duties/{duty.pk}/file/").content.decode()
    assert "thay cho người đứng đầu, đồng chí Phạm Văn Hải" in page


def test_acknowledge_and_convert_by_form(client, users, filed, today):
    client.force_login(users["committee"])
    page = client.get(f"/briefings/{filed.pk}/").content.decode()
    assert "Ghi nhận" in page
    response = client.post(
        f"/briefings/{filed.pk}/acknowledge/",
        {
            "acknowledged_on": today.strftime("%d/%m/%Y"),
            "conclusions": "Đẩy nhanh giải ngân\nRà soát tài sản công",
        },
    )
    assert response.status_code == 302
    conclusion = filed.conclusions.first()
    form = client.get(f"/briefings/conclusions/{conclusion.pk}/task/")
    assert form.status_code == 200
    response = client.post(
        f"/briefings/conclusions/{conclusion.pk}/task/",
        {
            "title": conclusion.text,
            "owner": users["member"].member_id,
            "expected_result": "Giải ngân 95%",
            "due_date": (today + dt.timedelta(days=20)).strftime("%d/%m/%Y"),
        },
    )
    task = Task.objects.get(source_ref=filed.ref)
    assert response.status_code == 302 and response["Location"] == f"/tasks/{task.pk}/"
    page = client.get(f"/briefings/{filed.pk}/").content.decode()
    assert f"/tasks/{task.pk}/" in page


def test_ad_hoc_request_and_answer_by_form(client, users, head_user, duty, today):
    client.force_login(users["secretary"])
    client.post(
        f"/briefings/duties/{duty.pk}/request/",
        {"request_note": "Tình hình thu ngân sách quý", "due_date": today.strftime("%d/%m/%Y")},
    )
    asked = Briefing.objects.get(kind="requested")
    client.force_login(head_user)
    assert client.get(f"/briefings/{asked.pk}/submit/").status_code == 200
    client.post(f"/briefings/{asked.pk}/submit/", CONTENT)
    asked.refresh_from_db()
    assert asked.status == "submitted"


def test_head_sees_own_but_not_write_the_committees(client, head_user, filed):
    client.force_login(head_user)
    assert client.get(f"/briefings/{filed.pk}/").status_code == 200
    assert (
        client.post(f"/briefings/{filed.pk}/acknowledge/", {"conclusions": "A"}).status_code == 403
    )


def test_home_shows_calendar_and_overdue(client, users, duty):
    """The secretary's home: the coming briefings and those overdue (QĐ 138 Art. 11 periods)."""
    client.force_login(users["secretary"])
    page = client.get("/").content.decode()
    assert 'id="home-briefings"' in page
    # duty applies from 2025: the second half of 2025 and the first of 2026 are missing by now.
    assert 'id="home-briefings-overdue"' in page


def test_home_has_no_briefing_section_for_a_member(client, users, duty):
    client.force_login(users["member"])
    assert 'id="home-briefings"' not in client.get("/").content.decode()
