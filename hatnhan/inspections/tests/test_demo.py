"""The demo's inspection year: the bloc's program with cases at every step, spot checks at the
agencies, one with overdue remediation; written through the services (audit chain intact)."""

import datetime as dt
import io
import random

from hatnhan.accounts.services import create_user
from hatnhan.audit.services import verify_chain
from hatnhan.inspections import demo
from hatnhan.inspections.models import STEP_ORDER, Case, ItemKind, Program, SpotCheck
from hatnhan.members.demo import INSPECTION_DEPUTY
from hatnhan.tasks.models import Task

TODAY = dt.date(2026, 11, 25)


def test_demo_has_a_program_with_cases_at_every_step(tree, make_member):
    deputy = make_member(tree["bloc"], "Võ Hồng Giang", post=INSPECTION_DEPUTY)
    for i in range(4):
        make_member(tree["bloc"], f"Cán bộ Khối {i}")
        make_member(tree["stc_cell" if i % 2 else "syt_cell"], f"Đảng viên {i}")
    for username, role, member in (("kiemtra", "inspector", deputy), ("tung", "staff", None)):
        create_user(
            actor=None,
            username=username,
            role=role,
            organization=tree["bloc"],
            member=member,
            password="demo",
            check_password=False,
        )
    out = io.StringIO()
    demo.populate(rng=random.Random("2017:inspections"), today=TODAY, stdout=out)
    assert demo.loaded() and Program.objects.get().year == TODAY.year
    regular = Case.objects.exclude(kind=ItemKind.SPOT_CHECK)
    assert set(regular.values_list("step", flat=True)) == set(STEP_ORDER)
    assert SpotCheck.objects.count() == 2  # the test tree has two of the three agencies
    remediation = Task.objects.filter(inspection_recommendation__isnull=False)
    assert remediation.overdue(TODAY).exists()
    for task in remediation.select_related("owner__organization", "organization"):
        assert task.owner.organization.path.startswith(task.organization.path)
    assert verify_chain() == []
