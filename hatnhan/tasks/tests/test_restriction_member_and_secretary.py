"""An account holding a member role and a role in another subtree sees both: the subtree's
tasks and records, and its own (owned or co-worked) ones outside it, each once.

The restriction writes that OR as conditions on the model's own columns (issue 13); this
holds the rows it returns to the rule, for tasks and for records reached through the task."""

from hatnhan.accounts.services import grant_role
from hatnhan.core.restrict import REPORT, VIEW, can
from hatnhan.tasks import services
from hatnhan.tasks.models import Acceptance, ProgressUpdate, Task


def test_member_who_is_also_a_secretary_elsewhere(make_task, users, make_member, tree):
    user = users["member"]
    grant_role(actor=users["staff"], user=user, role="secretary", organization=tree["syt"])
    me = user.member
    colleague = make_member(tree["stc_cell"], "Ngô Văn Khoa")
    helpers = [make_member(tree["stc_cell"], f"Người {i}") for i in range(2)]
    owned = make_task(title="Của tôi", coworkers=helpers)
    coworked = make_task(owner=colleague, coworkers=[me, *helpers], title="Cùng làm")
    in_reach = make_task(
        organization=tree["syt_cell"],
        owner=make_member(tree["syt_cell"], "Phạm Thị Dung"),
        actor=users["other"],
        title="Ở Sở Y tế",
    )
    not_mine = make_task(owner=colleague, title="Không liên quan")

    visible = Task.objects.restrict(user, VIEW)
    assert set(visible) == {owned, coworked, in_reach}
    assert visible.count() == 3  # no row repeated by the co-workers
    assert can(user, VIEW, coworked) and not can(user, VIEW, not_mine)
    # Ordered and limited as the board reads it.
    assert (
        list(visible.order_by("due_date", "id")[:2])
        == sorted([owned, coworked, in_reach], key=lambda t: (t.due_date, t.pk))[:2]
    )

    services.report_progress(actor=users["secretary"], task=not_mine, percent=10, note="x")
    services.report_progress(actor=user, task=owned, percent=20, note="y")
    services.report_progress(actor=users["other"], task=in_reach, percent=30, note="z")
    assert set(ProgressUpdate.objects.restrict(user, VIEW).values_list("task_id", flat=True)) == {
        owned.pk,
        in_reach.pk,
    }
    assert set(Task.objects.restrict(user, REPORT)) == {owned, coworked, in_reach}
    assert not Acceptance.objects.restrict(user, VIEW).exists()
