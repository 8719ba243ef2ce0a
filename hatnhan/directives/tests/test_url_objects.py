from types import SimpleNamespace

from hatnhan.directives.tests.url_objects import url_objects as directive_objects
from hatnhan.tasks.tests.url_objects import url_objects as task_objects


def test_url_objects_can_be_built_by_both_apps(tree, users, make_member):
    ctx = SimpleNamespace(tree=tree, users=users, make_member=make_member)
    first = directive_objects(ctx)
    merged = task_objects(ctx)
    assert {k: merged[k] for k in first} == first
    assert {"task_id", "evidence_id", "tasks.task", "directives.focusissue"} <= set(merged)
