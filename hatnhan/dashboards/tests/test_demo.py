"""The demo's part: the pre-aggregate computed for the demo's day, equal to the record."""

import datetime as dt
import io
import random

from hatnhan.audit.services import verify_chain
from hatnhan.dashboards import demo, services
from hatnhan.dashboards.models import Freshness, OrganizationMonth
from hatnhan.tasks.models import TaskStatus


def test_demo_computes_the_pre_aggregate(tree, make_task):
    make_task(tree["stc_cell"], dt.date(2026, 2, 1), status=TaskStatus.IN_PROGRESS)
    assert not demo.loaded()
    counts = demo.populate(
        rng=random.Random("2017:dashboards"), today=dt.date(2026, 3, 1), stdout=io.StringIO()
    )
    assert counts == {"dashboard rows": 1} and demo.loaded()
    assert OrganizationMonth.objects.get().tasks_overdue == 1
    assert Freshness.objects.get().as_of == dt.date(2026, 3, 1)
    assert services.verify() == [] and verify_chain() == []
