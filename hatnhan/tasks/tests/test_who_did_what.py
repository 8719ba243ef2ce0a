"""The record says who did what: a report filed on a member's behalf says so everywhere it is
shown, and whoever filed the report done may not accept or return it (four eyes)."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from hatnhan.audit.models import AuditEvent
from hatnhan.tasks import services
from hatnhan.tasks.models import Acceptance, Notification, TaskStatus

from .conftest import awaiting

pytestmark = [pytest.mark.django_db]


def filed_on_behalf(task, actor, *, percent=100, note="Đã niêm yết đủ 30 thủ tục"):
    """The secretary records the member's completion report on the member's behalf."""
    services.report_progress(actor=actor, task=task, percent=percent, note=note, submit=True)
    task.refresh_from_db()
    return task


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def frozen(task):
    """What a refused decision must leave untouched."""
    task.refresh_from_db()
    return (
        task.status,
        task.percent,
        task.outcome,
        Acceptance.objects.filter(task=task).count(),
        AuditEvent.objects.count(),
    )


# --- filed on someone's behalf says so --------------------------------------------------------
def test_timeline_names_the_filer_on_behalf_of_the_member(client, task, deputy, users):
    filed_on_behalf(task, deputy)
    client.force_login(users["committee"])
    html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "Cao Thị Hạnh, thay mặt Trần Thị Bình" in html
    # Not shown as the member's own report anywhere on the page.
    assert "· Trần Thị Bình</div>" not in html


def test_filer_without_a_member_is_named_by_login(client, task, users):
    filed_on_behalf(task, users["secretary"])
    client.force_login(users["committee"])
    html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "stc_secretary, thay mặt Trần Thị Bình" in html


def test_the_members_own_report_is_just_theirs(client, task, users):
    awaiting(task, users)
    client.force_login(users["committee"])
    html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "thay mặt" not in html
    assert "Trần Thị Bình" in html


def test_acceptance_queue_card_says_on_whose_behalf(client, task, deputy, users):
    filed_on_behalf(task, deputy)
    client.force_login(users["committee"])
    html = client.get(reverse("tasks:awaiting")).content.decode()
    assert f'id="awaiting-{task.pk}"' in html
    assert "Cao Thị Hạnh, thay mặt Trần Thị Bình" in html


def test_api_gives_the_filer_beside_the_member(task, deputy, users):
    filed_on_behalf(task, deputy)
    [report] = api(users["committee"]).get(f"/api/v1/tasks/{task.pk}/progress/").json()
    assert report["member_name"] == "Trần Thị Bình"
    assert report["filed_by"] == "Cao Thị Hạnh"
    assert report["on_behalf"] is True
    data = api(users["committee"]).get(f"/api/v1/tasks/{task.pk}/").json()
    assert data["submitted_by"] == "Cao Thị Hạnh, thay mặt Trần Thị Bình"


def test_api_own_report_is_not_on_behalf(task, users):
    awaiting(task, users)
    [report] = api(users["member"]).get(f"/api/v1/tasks/{task.pk}/progress/").json()
    assert report["on_behalf"] is False and report["filed_by"] == "Trần Thị Bình"
    assert api(users["member"]).get(f"/api/v1/tasks/{task.pk}/").json()["submitted_by"] == (
        "Trần Thị Bình"
    )


def test_export_says_who_filed_the_report_done(client, task, deputy, users):
    filed_on_behalf(task, deputy)
    client.force_login(users["committee"])
    response = client.get(reverse("tasks:awaiting"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    row = dict(zip(headers, [cell.value for cell in sheet[2]], strict=True))
    assert row["Người báo cáo hoàn thành"] == "Cao Thị Hạnh, thay mặt Trần Thị Bình"


# --- four eyes ---------------------------------------------------------------------------------
@pytest.mark.parametrize("decide", ["accept", "return"])
def test_the_filer_may_not_decide_on_their_own_filing(task, deputy, decide):
    filed_on_behalf(task, deputy)
    before = frozen(task)
    with pytest.raises(PermissionDenied) as info:
        if decide == "accept":
            services.accept_task(actor=deputy, task=task, outcome="met", comment="Tốt")
        else:
            services.return_task(actor=deputy, task=task, comment="Bổ sung")
    assert "không được tự nghiệm thu" in str(info.value)
    assert frozen(task) == before


def test_four_eyes_whatever_the_role(task, users):
    """The bloc administrator who filed it cannot sign it off either."""
    filed_on_behalf(task, users["admin"])
    before = frozen(task)
    with pytest.raises(PermissionDenied):
        services.accept_task(actor=users["admin"], task=task, outcome="met")
    assert frozen(task) == before
    # Someone else who may decide does.
    services.accept_task(actor=users["committee"], task=task, outcome="met")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_a_new_filing_after_a_return_is_judged_by_who_filed_it(task, deputy, users):
    """The rule follows the report that put the task in "awaiting acceptance" now."""
    filed_on_behalf(task, deputy)
    services.return_task(actor=users["committee"], task=task, comment="Bổ sung ảnh")
    awaiting(task, users)  # the member files it herself this time
    services.accept_task(actor=deputy, task=task, outcome="met")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.accepted_by == deputy


def test_page_hides_the_decision_from_the_filer_and_refuses_it(client, task, deputy):
    filed_on_behalf(task, deputy)
    client.force_login(deputy)
    url = reverse("tasks:accept", args=[task.pk])
    html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert f'action="{url}"' not in html
    assert "Đồng chí đã lập báo cáo hoàn thành này" in html
    assert f'id="awaiting-{task.pk}"' not in client.get(reverse("tasks:awaiting")).content.decode()
    before = frozen(task)
    response = client.post(url, {"decision": "accept", "outcome": "met", "comment": "Tốt"})
    assert response.status_code == 200
    assert "không được tự nghiệm thu" in response.content.decode()
    assert frozen(task) == before


@pytest.mark.parametrize(
    ("action", "payload"),
    [("accept", {"outcome": "met", "comment": "Tốt"}), ("return", {"comment": "Bổ sung"})],
)
def test_api_refuses_the_filer_with_403(task, deputy, action, payload):
    filed_on_behalf(task, deputy)
    before = frozen(task)
    response = api(deputy).post(f"/api/v1/tasks/{task.pk}/{action}/", payload, format="json")
    assert response.status_code == 403
    assert "không được tự nghiệm thu" in response.content.decode()
    assert frozen(task) == before


def test_the_assigners_notice_says_who_filed_it(task, deputy, users):
    filed_on_behalf(task, deputy)
    notice = Notification.objects.get(user=users["secretary"], kind="awaiting_acceptance")
    assert "(Cao Thị Hạnh, thay mặt Trần Thị Bình)" in notice.message
