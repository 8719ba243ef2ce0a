import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hatnhan.members.models import SeatRole
from hatnhan.members.services import create_seat
from hatnhan.tasks import services as tasks
from hatnhan.tasks.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_task(tree, users):
    """A task the STC secretary gives, due `due` days from today (negative: overdue)."""

    def make(owner, due: int, *, organization=None, title: str = "Rà soát thủ tục"):
        # Today at the call, not at import: a run that crosses local midnight moves it.
        today = timezone.localdate()
        due_date = today + dt.timedelta(days=due)
        task = tasks.create_task(
            actor=users["other" if organization == tree["syt"] else "secretary"],
            organization=organization or tree["stc"],
            title=title,
            expected_result="Danh mục rà soát xong",
            owner=owner,
            due_date=max(due_date, today),
        )
        if due_date < today:  # the service refuses a past due date
            Task.objects.filter(pk=task.pk).update(
                start_date=due_date - dt.timedelta(days=30),
                due_date=due_date,
                original_due_date=due_date,
            )
            task.refresh_from_db()
        return task

    return make


def submitted(task, actor):
    tasks.report_progress(actor=actor, task=task, percent=100, note="Xong", submit=True)
    return task


def section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def test_home_for_a_secretary_shows_their_organizations_and_counts(
    client, tree, users, make_member
):
    seat_holder = make_member(tree["stc_cell"], "Lê Văn Cường", full_membership_date=None)
    create_seat(actor=None, organization=tree["stc"], member=seat_holder, role=SeatRole.COMMITTEE)
    make_member(tree["syt_cell"], "Vũ Văn Khánh")
    client.force_login(users["secretary"])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert (overview.organizations, overview.members, overview.seats) == (2, 2, 1)
    assert overview.probationary == 2  # the fixtures' members have no full-membership date
    html = response.content.decode()
    assert "Đảng bộ Sở Tài chính" in html and "Sở Y tế" not in html
    assert reverse("members:create") in html  # a secretary may add members
    # Recent changes inside the reach only.
    assert "Lê Văn Cường" in html and "Vũ Văn Khánh" not in html


def test_home_for_a_member_links_to_own_record(client, tree, users):
    client.force_login(users["member"])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    own = users["member"].member
    assert reverse("members:detail", kwargs={"member_id": own.pk}) in html
    assert response.context["roots"] == []
    assert "<h1>Xin chào, đồng chí Trần Thị Bình</h1>" in html


def test_member_home_carries_their_overdue_due_and_awaiting_tasks(
    client, tree, users, make_member, make_task
):
    me = users["member"].member
    late = make_task(me, -3, title="Báo cáo quý đã trễ")
    soon = make_task(me, 2, title="Nộp kế hoạch tuần này")
    far = make_task(me, 40, title="Tổng kết cuối năm")
    done = submitted(make_task(me, 5, title="Đã nộp chờ duyệt"), users["member"])
    someone_else = make_task(make_member(tree["stc_cell"], "Lê Văn Khải"), -1, title="Việc khác")
    client.force_login(users["member"])
    html = section(client.get("/").content.decode(), "home-mine")
    for task in (late, soon, done):
        assert f'id="home-task-{task.pk}"' in html
    assert f'id="home-task-{far.pk}"' not in html  # not due this week
    assert f'id="home-task-{someone_else.pk}"' not in html
    assert html.index(late.title) < html.index(soon.title) < html.index(done.title)
    assert "Quá hạn" in html and "chờ nghiệm thu" in html


def test_secretary_home_shows_acceptance_queue_overdue_and_the_week(
    client, tree, users, make_member, make_task
):
    worker = make_member(tree["stc_cell"], "Lê Văn Khải")
    worker_user = tasks_user(worker)
    awaiting = submitted(make_task(worker, 4, title="Báo cáo chờ duyệt"), worker_user)
    late = make_task(worker, -2, title="Việc trễ hạn")
    this_week = make_task(worker, 3, title="Hạn thứ Năm")
    next_month = make_task(worker, 30, title="Hạn tháng sau")
    elsewhere = make_task(make_member(tree["syt_cell"]), -5, organization=tree["syt"])
    client.force_login(users["secretary"])
    html = client.get("/").content.decode()
    queue, overdue, week = (
        section(html, s) for s in ("home-awaiting", "home-overdue", "home-week")
    )
    assert f"home-task-{awaiting.pk}" in queue and f"home-task-{late.pk}" not in queue
    assert f"home-task-{late.pk}" in overdue and f"home-task-{this_week.pk}" not in overdue
    assert f"home-task-{this_week.pk}" in week and f"home-task-{next_month.pk}" not in week
    assert "Lê Văn Khải" in overdue
    assert f"home-task-{elsewhere.pk}" not in html
    assert "home-most-overdue" not in html  # that is the bloc's view


def tasks_user(member):
    from hatnhan.accounts.services import create_user

    return create_user(
        actor=None,
        username=f"u{member.pk}",
        role="member",
        organization=member.organization,
        member=member,
        password="demo",
        check_password=False,
    )


@pytest.mark.parametrize("who", ["staff", "inspector"])
def test_bloc_staff_and_inspectors_see_the_organizations_with_most_overdue_work(
    client, tree, users, make_member, make_task, who
):
    stc_member, syt_member = make_member(tree["stc_cell"]), make_member(tree["syt_cell"])
    for _ in range(2):
        make_task(syt_member, -4, organization=tree["syt"])
    make_task(stc_member, -1)
    make_task(stc_member, 5)  # not overdue
    client.force_login(users[who])
    response = client.get("/")
    ranked = [(load.organization.code, load.overdue) for load in response.context["work"].watched]
    if who == "staff":  # the bloc: its grassroots organizations, most overdue first
        assert ranked == [("SYT", 2), ("STC", 1)]
    else:  # the STC inspector reaches STC only: its cell holds the task
        assert ranked == [("STC", 1)]
    html = section(response.content.decode(), "home-most-overdue")
    assert "Đảng bộ Sở Tài chính" in html


def test_recent_changes_are_meaningful_and_once_each(client, tree, users, make_member, make_task):
    me = users["member"].member
    task = make_task(me, 10, title="Việc có nhiều báo cáo")
    for percent in (20, 40, 60):  # each report writes several events about the same task
        tasks.report_progress(actor=users["member"], task=task, percent=percent, note="Tiếp")
    client.force_login(users["secretary"])
    recent = client.get("/").context["recent"]
    keys = [(e.object_type, e.object_id) for e in recent]
    assert len(keys) == len(set(keys))
    assert not {e.action for e in recent} & {"task.progress_state", "task.evidence"}
    request_ids = [e.request_id for e in recent if e.request_id]
    assert len(request_ids) == len(set(request_ids))


def test_home_query_count_does_not_grow_with_work(client, tree, users, make_member, make_task):
    def count(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    me = users["member"].member
    make_task(me, -1)
    make_task(me, 2)
    submitted(make_task(me, 3), users["member"])
    make_task(make_member(tree["syt_cell"]), -2, organization=tree["syt"])
    before = {who: count(users[who]) for who in ("member", "secretary", "staff")}
    for n in range(8):
        other = make_member(tree["stc_cell"], f"Nguyễn Văn Thêm {n}")
        make_task(me, -n - 1)
        make_task(other, n % 5)
        submitted(make_task(me, 3), users["member"])
        make_task(make_member(tree["syt_cell"]), -2, organization=tree["syt"])
    after = {who: count(users[who]) for who in ("member", "secretary", "staff")}
    assert after == before


def test_home_for_inspector_offers_no_create(client, tree, users):
    client.force_login(users["inspector"])
    html = client.get(reverse("home")).content.decode()
    assert reverse("members:create") not in html


def test_home_requires_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_pages_are_vietnamese_first_and_english_available(client, tree, users):
    client.force_login(users["secretary"])
    assert "Cây tổ chức" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="en"' in html
    assert "Organization tree" in html and "Cây tổ chức" not in html
    tree_page = client.get(reverse("organizations:tree")).content.decode()
    assert "Click an organization to expand" in tree_page
    form = client.post(reverse("members:create"), {"organization": tree["stc"].pk})
    assert form.context["form"].errors["full_name"] == ["“Full name” is required."]


def test_no_asset_comes_from_elsewhere(client, tree, users):
    client.force_login(users["secretary"])
    html = client.get("/").content.decode()
    assert "http://" not in html and "https://" not in html
