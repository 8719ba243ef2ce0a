"""The task forms go through the services: what they write, and the Vietnamese errors they
show when the service (or the form) refuses."""

import datetime as dt

import pytest
from django.urls import reverse

from hatnhan.tasks.models import Acceptance, ExtensionRequest, Task, TaskStatus
from hatnhan.tasks.tests.conftest import awaiting, png

pytestmark = [pytest.mark.django_db]


def _task_post(tree, owner, today, **overrides):
    data = {
        "organization": tree["stc"].pk,
        "title": "Công khai thủ tục hành chính tại bộ phận một cửa",
        "expected_result": "100% thủ tục niêm yết, cập nhật trên cổng thông tin",
        "owner": owner.pk,
        "start_date": today.isoformat(),
        "due_date": (today + dt.timedelta(days=14)).isoformat(),
        "priority": "high",
        "recurrence": "",
    }
    data.update(overrides)
    return data


def test_secretary_assigns_a_task_through_the_form(client, users, tree, owner, today):
    client.force_login(users["secretary"])
    assert client.get(reverse("tasks:create")).status_code == 200
    response = client.post(reverse("tasks:create"), _task_post(tree, owner, today))
    task = Task.objects.get(title__startswith="Công khai")
    assert response.status_code == 302
    assert response["Location"] == reverse("tasks:detail", args=[task.pk])
    assert task.owner == owner and task.assigned_by == users["secretary"]
    assert task.status == TaskStatus.ASSIGNED and task.priority == "high"


def test_dates_typed_the_vietnamese_way_are_accepted(client, users, tree, owner, today):
    client.force_login(users["secretary"])
    due = today + dt.timedelta(days=20)
    client.post(
        reverse("tasks:create"),
        _task_post(tree, owner, today, start_date="", due_date=due.strftime("%d/%m/%Y")),
    )
    assert Task.objects.get().due_date == due


def test_service_errors_show_on_the_form_in_vietnamese(client, users, tree, owner, today):
    client.force_login(users["secretary"])
    past = (today - dt.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("tasks:create"), _task_post(tree, owner, today, start_date=past, due_date=past)
    )
    assert response.status_code == 200
    assert "Hạn hoàn thành không được trước hôm nay." in response.content.decode()
    response = client.post(
        reverse("tasks:create"), _task_post(tree, owner, today, expected_result="  ")
    )
    assert "Chưa nhập “Kết quả cần đạt”." in response.content.decode()
    assert not Task.objects.exists()


def test_owner_outside_the_organization_is_refused(client, users, tree, make_member, today):
    stranger = make_member(tree["syt_cell"], "Phạm Văn Ngoài")
    client.force_login(users["secretary"])
    response = client.post(reverse("tasks:create"), _task_post(tree, stranger, today))
    assert response.status_code == 200
    assert "“Người chịu trách nhiệm”: lựa chọn không hợp lệ" in response.content.decode()
    assert not Task.objects.exists()


def test_member_cannot_open_the_assign_form(client, users):
    client.force_login(users["member"])
    assert client.get(reverse("tasks:create")).status_code == 403


def test_report_progress_with_a_photo_from_the_card_htmx(client, users, task):
    client.force_login(users["member"])
    response = client.post(
        reverse("tasks:progress", args=[task.pk]),
        {
            "percent": 40,
            "note": "Đã rà soát 12/30 thủ tục",
            "files": png("hien-truong.png"),
            "from": "card",
        },
        headers={"HX-Request": "true", "HX-Target": f"task-card-{task.pk}"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<article")  # only the card, swapped in place
    assert "Đã gửi báo cáo tiến độ." in html and "40%" in html
    assert 'id="summary" hx-swap-oob="true"' in html  # the counts above follow
    task.refresh_from_db()
    assert task.percent == 40 and task.status == TaskStatus.IN_PROGRESS
    update = task.progress_updates.get()
    assert [e.file_name for e in update.evidence.all()] == ["hien-truong.png"]


def test_report_progress_without_js_redirects_back(client, users, task):
    client.force_login(users["member"])
    response = client.post(
        reverse("tasks:progress", args=[task.pk]),
        {"percent": 100, "note": "Xong", "submit": "on", "next": reverse("tasks:my-tasks")},
    )
    assert response.status_code == 302 and response["Location"] == reverse("tasks:my-tasks")
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE


def test_progress_errors_are_vietnamese(client, users, task):
    client.force_login(users["member"])
    url = reverse("tasks:progress", args=[task.pk])
    html = client.post(url, {"percent": 150}).content.decode()
    assert "Tiến độ phải từ 0 đến 100%." in html
    fake = png("gia.png")
    fake.file.write(b"")  # keep the name, break the bytes below
    fake.file.seek(0)
    fake.file.truncate()
    fake.file.write(b"MZ not a picture at all")
    fake.file.seek(0)
    html = client.post(
        url,
        {"percent": 10, "files": fake, "from": "card"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "không đúng định dạng cho phép" in html
    assert not task.progress_updates.exists()


def test_accept_with_outcome_and_comment(client, users, task):
    awaiting(task, users)
    client.force_login(users["secretary"])
    response = client.post(
        reverse("tasks:accept", args=[task.pk]),
        {"decision": "accept", "outcome": "exceeded", "comment": "Vượt tiến độ"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.outcome == "exceeded"
    assert Acceptance.objects.get(task=task).comment == "Vượt tiến độ"


def test_accept_needs_an_outcome_and_a_comment_when_not_met(client, users, task):
    awaiting(task, users)
    client.force_login(users["secretary"])
    url = reverse("tasks:accept", args=[task.pk])
    html = client.post(url, {"decision": "accept", "outcome": ""}).content.decode()
    assert "Chọn kết quả: vượt, đạt, đạt một phần hoặc không đạt." in html
    html = client.post(url, {"decision": "accept", "outcome": "not_met"}).content.decode()
    assert "Ghi nhận xét khi nhiệm vụ chưa đạt yêu cầu." in html
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE


def test_owner_cannot_accept_own_task(client, users, task):
    awaiting(task, users)
    client.force_login(users["member"])
    page = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert reverse("tasks:accept", args=[task.pk]) not in page
    html = client.post(
        reverse("tasks:accept", args=[task.pk]), {"decision": "accept", "outcome": "met"}
    ).content.decode()
    assert "không được tự nghiệm thu" in html
    task.refresh_from_db()
    assert task.status == TaskStatus.AWAITING_ACCEPTANCE


def test_return_from_the_acceptance_queue(client, users, task):
    awaiting(task, users)
    client.force_login(users["committee"])
    response = client.post(
        reverse("tasks:accept", args=[task.pk]),
        {
            "decision": "return",
            "comment": "Bổ sung biên bản",
            "from": "awaiting",
            "next": reverse("tasks:awaiting"),
        },
    )
    assert response["Location"] == reverse("tasks:awaiting")
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS


def test_extension_requested_by_owner_and_granted_by_assigner(client, users, task):
    original = task.due_date
    client.force_login(users["member"])
    url = reverse("tasks:request-extension", args=[task.pk])
    html = client.post(url, {"requested_due_date": original.isoformat(), "reason": "Chờ số liệu"})
    assert "Hạn đề nghị phải sau hạn hiện tại." in html.content.decode()
    later = original + dt.timedelta(days=7)
    client.post(url, {"requested_due_date": later.strftime("%d/%m/%Y"), "reason": "Chờ số liệu"})
    assert ExtensionRequest.objects.get(task=task).status == "pending"
    client.force_login(users["secretary"])
    decide = reverse("tasks:decide-extension", args=[task.pk])
    html = client.post(decide, {"grant": "0", "note": ""}).content.decode()
    assert "Ghi rõ lý do không đồng ý gia hạn." in html
    client.post(decide, {"grant": "1", "note": ""})
    task.refresh_from_db()
    assert task.due_date == later and task.original_due_date == original
    page = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert original.strftime("%d/%m/%Y") in page  # the original due date stays on record


def test_cancel_needs_a_reason(client, users, task):
    client.force_login(users["secretary"])
    url = reverse("tasks:cancel", args=[task.pk])
    assert "Chưa nhập “Lý do hủy”." in client.post(url, {"reason": " "}).content.decode()
    client.post(url, {"reason": "Trùng với kế hoạch của Sở"})
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED and task.cancel_reason.startswith("Trùng")


def test_bulk_assign_reassigns_selected_tasks(client, users, tree, make_task, make_member):
    first, second, third = (make_task(title=f"Việc {i}") for i in range(3))
    newcomer = make_member(tree["stc_cell"], "Đỗ Thị Mới")
    client.force_login(users["secretary"])
    response = client.post(
        reverse("tasks:bulk-assign"),
        {"tasks": [first.pk, second.pk], "owner": newcomer.pk, "next": "/tasks/board/?q=viec"},
    )
    assert response["Location"] == "/tasks/board/?q=viec"
    assert {t.owner for t in Task.objects.filter(pk__in=[first.pk, second.pk])} == {newcomer}
    third.refresh_from_db()
    assert third.owner != newcomer


def test_bulk_assign_refuses_tasks_out_of_reach(client, users, tree, make_task, make_member):
    task = make_task()
    syt_member = make_member(tree["syt_cell"], "Vũ Văn Y")
    client.force_login(users["other"])
    response = client.post(
        reverse("tasks:bulk-assign"), {"tasks": [task.pk], "owner": syt_member.pk}, follow=True
    )
    assert "Có nhiệm vụ không giao lại được" in response.content.decode()
    task.refresh_from_db()
    assert task.owner != syt_member


def test_choosing_the_organization_narrows_the_people_offered(client, users, tree, make_member):
    at_committee = make_member(tree["stc"], "Ngô Văn Ủy")
    in_cell = make_member(tree["stc_cell"], "Mai Thị Chi")
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create")).content.decode()
    assert at_committee.full_name in html and in_cell.full_name in html
    assert 'hx-get="/tasks/new/"' in html and 'hx-select="#id_owner-picker"' in html
    html = client.get(reverse("tasks:create"), {"organization": tree["stc_cell"].pk})
    html = html.content.decode()
    assert in_cell.full_name in html and at_committee.full_name not in html
    assert 'placeholder="dd/mm/yyyy"' in html


def test_without_an_organization_many_people_are_a_search_box_over_the_reach(
    client, users, tree, owner, make_member, settings
):
    make_member(tree["stc_cell"], "Lê Văn Cường")
    settings.PICKER_MAX_OPTIONS = 1
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:create")).content.decode()
    # Not withheld until an organization is chosen: searched, without drawing the list.
    assert 'data-picker-url="/members/pick/active/"' in html
    assert owner.full_name not in html
    found = client.get(reverse("members:pick", args=["active"]), {"q": "binh"}).content.decode()
    assert owner.full_name in found
    html = client.get(reverse("tasks:create"), {"organization": tree["stc"].pk}).content.decode()
    assert f'data-picker-url="/members/pick/active/?organization={tree["stc"].pk}"' in html


def test_edit_a_task_and_reassign_it(client, users, task, tree, make_member):
    newcomer = make_member(tree["stc_cell"], "Hà Thị Mới")
    client.force_login(users["secretary"])
    url = reverse("tasks:edit", args=[task.pk])
    html = client.get(url).content.decode()
    assert task.title in html and 'name="due_date"' not in html
    data = {
        "title": "Rà soát và công khai thủ tục",
        "expected_result": task.expected_result,
        "owner": newcomer.pk,
        "start_date": task.start_date.strftime("%d/%m/%Y"),
        "priority": "urgent",
        "recurrence": "",
    }
    assert client.post(url, data)["Location"] == reverse("tasks:detail", args=[task.pk])
    task.refresh_from_db()
    assert task.title.startswith("Rà soát và") and task.owner == newcomer
    html = client.post(url, {**data, "title": " "}).content.decode()
    assert "Chưa nhập “Tên nhiệm vụ”." in html


def test_the_owner_cannot_edit_their_task(client, users, task):
    client.force_login(users["member"])
    assert client.get(reverse("tasks:edit", args=[task.pk])).status_code == 403
    page = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert reverse("tasks:edit", args=[task.pk]) not in page


def test_accept_in_place_from_the_queue_with_htmx(client, users, task):
    awaiting(task, users)
    client.force_login(users["secretary"])
    url = reverse("tasks:accept", args=[task.pk])
    hx = {"HX-Request": "true", "HX-Target": f"awaiting-{task.pk}"}
    html = client.post(
        url, {"decision": "accept", "outcome": "not_met", "from": "awaiting"}, headers=hx
    ).content.decode()
    assert html.lstrip().startswith("<article") and "Ghi nhận xét khi nhiệm vụ" in html
    assert '<option value="not_met" selected>' in html  # the choice is kept
    html = client.post(
        url,
        {"decision": "accept", "outcome": "met", "comment": "Tốt", "from": "awaiting"},
        headers=hx,
    ).content.decode()
    assert "Đã nghiệm thu nhiệm vụ" in html and "<form" not in html
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
