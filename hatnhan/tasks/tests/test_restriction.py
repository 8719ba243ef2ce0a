"""Who sees which task: owner and co-workers, the subtree's committee, nobody else."""

from types import SimpleNamespace

from hatnhan.accounts.services import create_user
from hatnhan.core.restrict import CHANGE, REPORT, VIEW
from hatnhan.tasks.filters import TaskFilter
from hatnhan.tasks.models import ProgressUpdate, Task
from hatnhan.tasks.selectors import awaiting_acceptance, my_tasks, task_list

from .conftest import awaiting


def test_member_sees_own_and_coworked_tasks_only(make_task, users, make_member, tree):
    other_member = make_member(tree["stc_cell"], "Ngô Văn Khoa")
    mine = make_task()
    helping = make_task(owner=other_member, coworkers=[users["member"].member], title="Cùng")
    not_mine = make_task(owner=other_member, title="Không liên quan")
    seen = set(Task.objects.restrict(users["member"], VIEW))
    assert seen == {mine, helping}
    assert not_mine not in seen


def test_no_repeated_rows_with_several_coworkers(make_task, users, make_member, tree):
    helpers = [make_member(tree["stc_cell"], f"Người {i}") for i in range(3)]
    make_task(coworkers=helpers)
    assert Task.objects.restrict(users["member"], VIEW).count() == 1
    assert Task.objects.restrict(users["secretary"], VIEW).count() == 1


def test_secretary_sees_subtree_other_org_sees_nothing(make_task, users, tree, make_member):
    a = make_task(organization=tree["stc_cell"])
    b = make_task()
    assert set(Task.objects.restrict(users["secretary"], VIEW)) == {a, b}
    assert not Task.objects.restrict(users["other"], VIEW).exists()
    assert set(Task.objects.restrict(users["staff"], VIEW)) == {a, b}


def test_member_reports_but_does_not_change(task, users):
    assert Task.objects.restrict(users["member"], REPORT).filter(pk=task.pk).exists()
    assert not Task.objects.restrict(users["member"], CHANGE).exists()
    assert not Task.objects.restrict(users["inspector"], REPORT).exists()


def test_progress_rows_follow_the_task(task, users):
    from hatnhan.tasks import services

    services.report_progress(actor=users["member"], task=task, percent=10, note="x")
    assert ProgressUpdate.objects.restrict(users["member"], VIEW).count() == 1
    assert not ProgressUpdate.objects.restrict(users["other"], VIEW).exists()


def test_my_tasks_groups(make_task, users, today):
    import datetime as dt

    make_task(due_date=today + dt.timedelta(days=2), title="Sắp đến hạn")
    make_task(due_date=today + dt.timedelta(days=30), title="Còn xa")
    groups = my_tasks(users["member"], today=today)
    assert [t.title for t in groups.due_soon] == ["Sắp đến hạn"]
    assert [t.title for t in groups.in_hand] == ["Còn xa"]
    groups = my_tasks(users["member"], today=today + dt.timedelta(days=3))
    assert [t.title for t in groups.overdue] == ["Sắp đến hạn"]


def test_awaiting_acceptance_excludes_own_tasks(task, users, tree):
    awaiting(task, users)
    assert list(awaiting_acceptance(users["secretary"])) == [task]
    assert list(awaiting_acceptance(users["member"])) == []
    assert list(awaiting_acceptance(users["other"])) == []


def _filtered(user, **params) -> list:
    """The task list as the board and the API filter it (tasks.filters.TaskFilter)."""
    found = TaskFilter(params, task_list(user), request=SimpleNamespace(user=user))
    assert found.is_valid(), found.errors
    return list(found.qs)


def test_task_list_filters(make_task, users, tree, today):
    a = make_task(organization=tree["stc_cell"], title="Công khai thủ tục")
    make_task(title="Việc khác")
    assert _filtered(users["secretary"], organization=tree["stc_cell"].pk) == [a]
    assert _filtered(users["secretary"], q="cong khai") == [a]
    assert _filtered(users["other"], q="cong khai") == []


def test_member_account_without_member_role_sees_no_own_tasks(task, users, tree):
    viewer = create_user(
        actor=None, username="viewer", role="inspector", organization=tree["syt"], member=None
    )
    assert not Task.objects.restrict(viewer, VIEW).exists()


def test_owner_filter_is_the_owner_member_filter_includes_coworking(
    make_task, users, make_member, tree
):
    me = users["member"].member
    someone = make_member(tree["stc_cell"], "Ngô Văn Khoa")
    mine = make_task()
    helping = make_task(owner=someone, coworkers=[me], title="Cùng làm")
    assert _filtered(users["secretary"], assignee=me.pk) == [mine]
    assert set(_filtered(users["secretary"], member=me.pk)) == {mine, helping}
