"""Every task page renders for the roles that use it, answers 404 for another
organization's objects, and sends anonymous visitors to sign in."""

import pytest
from django.urls import reverse

from hatnhan.tasks.models import Notification
from hatnhan.tasks.tests.conftest import awaiting

pytestmark = [pytest.mark.django_db]

LIST_PAGES = [
    "tasks:my-tasks",
    "tasks:board",
    "tasks:awaiting",
    "tasks:calendar",
    "tasks:notifications",
]
ROLES = ["admin", "staff", "secretary", "committee", "inspector", "member", "other"]


@pytest.mark.parametrize("name", LIST_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_list_pages_render_for_every_role(client, users, task, name, role):
    client.force_login(users[role])
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert b"<h1>" in response.content


def test_task_page_for_those_who_see_it(client, users, task):
    for role in ["admin", "staff", "secretary", "committee", "inspector", "member"]:
        client.force_login(users[role])
        response = client.get(reverse("tasks:detail", args=[task.pk]))
        assert response.status_code == 200, role
        assert task.title in response.content.decode()


def test_other_organization_gets_404_on_every_task_url(client, users, task):
    client.force_login(users["other"])
    for name in [
        "tasks:detail",
        "tasks:progress",
        "tasks:accept",
        "tasks:request-extension",
        "tasks:decide-extension",
        "tasks:cancel",
    ]:
        url = reverse(name, args=[task.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"percent": 50, "reason": "x"}).status_code == 404, name
    note = Notification.objects.filter(task=task).first()
    assert note is not None  # the owner was told of the assignment
    url = reverse("tasks:notification-read", args=[note.pk])
    assert client.post(url).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_other_organization_sees_none_of_it_in_lists(client, users, task):
    client.force_login(users["other"])
    for name in LIST_PAGES:
        assert task.title not in client.get(reverse(name)).content.decode(), name
    assert client.get(reverse("tasks:board") + "?q=ra+soat").content.decode().count(task.title) == 0


def test_my_tasks_shows_the_members_task_with_a_camera_input(client, users, task):
    client.force_login(users["member"])
    html = client.get(reverse("tasks:my-tasks")).content.decode()
    assert task.title in html
    assert 'accept="image/*"' in html and 'capture="environment"' in html
    assert f'action="{reverse("tasks:progress", args=[task.pk])}"' in html
    assert 'name="percent"' in html


def test_awaiting_lists_what_the_committee_may_accept(client, users, make_task):
    submitted = awaiting(make_task(title="Báo cáo sơ kết quý"), users)
    client.force_login(users["committee"])
    assert submitted.title in client.get(reverse("tasks:awaiting")).content.decode()
    # The owner never sees their own work in the acceptance queue.
    client.force_login(users["member"])
    assert submitted.title not in client.get(reverse("tasks:awaiting")).content.decode()


def test_anonymous_is_sent_to_sign_in(client, task):
    for url in [reverse("tasks:my-tasks"), reverse("tasks:detail", args=[task.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_nav_links_and_unread_count(client, users, task):
    client.force_login(users["member"])
    html = client.get(reverse("tasks:my-tasks")).content.decode()
    assert f'href="{reverse("tasks:my-tasks")}"' in html
    assert f'href="{reverse("tasks:notifications")}"' in html
    assert '<span class="nav-count"' in html  # the assignment notice is unread
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:my-tasks")).content.decode()
    assert f'href="{reverse("tasks:board")}"' in html


def test_task_page_shows_timeline_and_history(client, users, task):
    from hatnhan.tasks import services

    services.report_progress(actor=users["member"], task=task, percent=30, note="Đã họp tổ")
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert "Diễn biến" in html and "Đã họp tổ" in html
    assert "Lịch sử thay đổi" in html
    assert html.count("Giao nhiệm vụ") >= 2  # in the timeline and in the audit history


def test_board_filters_without_reload_through_htmx(client, users, make_task):
    make_task(title="Chuẩn bị hội nghị sơ kết")
    make_task(title="Kiểm tra công vụ đột xuất")
    client.force_login(users["secretary"])
    url = reverse("tasks:board") + "?q=kiem+tra&status=open"
    full = client.get(url).content.decode()
    assert "<html" in full and "Kiểm tra công vụ" in full and "Chuẩn bị hội nghị" not in full
    partial = client.get(url, headers={"HX-Request": "true", "HX-Target": "board-results"})
    html = partial.content.decode()
    assert "<html" not in html and html.lstrip().startswith('<div id="board-results">')
    assert "Kiểm tra công vụ" in html and "Chuẩn bị hội nghị" not in html


def test_board_groups_by_owner(client, users, tree, make_task, make_member):
    other = make_member(tree["stc_cell"], "Âu Văn Đức")
    make_task(title="Việc một")
    make_task(title="Việc hai", owner=other)
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:board"), {"group": "owner", "status": "open"}).content
    html = html.decode()
    assert html.count('<tr class="group">') == 2
    # Vietnamese order of names: by given name, "Bình" before "Đức".
    assert html.index("Trần Thị Bình</th>") < html.index("Âu Văn Đức</th>")


def test_board_offers_bulk_reassignment_once_an_organization_is_chosen_when_people_are_many(
    client, users, tree, make_task, make_member, settings, monkeypatch
):
    from hatnhan.tasks import forms

    make_task(title="Việc chung")
    make_member(tree["stc_cell"], "Lê Văn Cường")
    monkeypatch.setattr(forms, "PEOPLE_LIMIT", 0)
    settings.PICKER_MAX_OPTIONS = 1
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:board")).content.decode()
    assert 'id="bulk"' not in html and "Việc chung" in html
    html = client.get(reverse("tasks:board"), {"organization": tree["stc"].pk}).content.decode()
    assert 'id="bulk"' in html and "Việc chung" in html


def test_a_bad_filter_value_drops_only_that_filter(client, users, make_task):
    make_task(title="Việc đang mở")
    client.force_login(users["secretary"])
    html = client.get(reverse("tasks:board"), {"status": "open", "owner": "999999"}).content
    assert "Việc đang mở" in html.decode()


def test_pages_speak_english_when_asked(client, users, task):
    client.force_login(users["member"])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("tasks:my-tasks")).content.decode()
    assert "My tasks" in html and "Take a photo" in html and "Send report" in html
    client.force_login(users["secretary"])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("tasks:board")).content.decode()
    assert "Task board" in html and "Assigned" in html
