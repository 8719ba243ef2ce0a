"""The pre-aggregate equals the record: `dashboards_verify` finds no difference after writes
once the changed organizations are refreshed, and names a tampered row."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hatnhan.audit.models import AuditEvent
from hatnhan.dashboards import services
from hatnhan.dashboards.models import Freshness, OrganizationMonth, SubtreeMonth
from hatnhan.tasks import services as task_services

from .conftest import AS_OF


def _write_a_task(tree, owner):
    return task_services.create_task(
        actor=None,
        organization=tree["stc_cell"],
        title="Rà soát hồ sơ quyết toán",
        expected_result="Báo cáo rà soát",
        owner=owner,
        due_date=dt.date(2026, 3, 20),
        today=dt.date(2026, 3, 1),
    )


def test_no_difference_after_writes_once_refreshed(stc_record, tree, make_member):
    assert services.verify() == []
    _write_a_task(tree, make_member(tree["stc_cell"], "Người Mới"))
    stale = services.verify()
    own = [line for line in stale if line.startswith("organization ")]
    subtree = [line for line in stale if line.startswith("subtree of organization ")]
    # The cell's subtree row and its ancestors' (STC, the bloc) are as stale as its own.
    assert {line.split(",")[0] for line in subtree} == {
        f"subtree of organization {tree[k].pk}" for k in ("stc_cell", "stc", "bloc")
    }
    assert own == [
        f"organization {tree['stc_cell'].pk}, 03/2026, tasks_due: stored 4, record 5",
        f"organization {tree['stc_cell'].pk}, 03/2026, tasks_overdue: stored 2, record 3",
        # 97 + 76 + 87 days: the new one is 87 days late on 15/06.
        f"organization {tree['stc_cell'].pk}, 03/2026, tasks_overdue_days: stored 173, record 260",
    ]
    assert services.refresh_changed(as_of=AS_OF) > 0
    assert services.verify() == []
    out = StringIO()
    call_command("dashboards_verify", stdout=out)
    assert "equals the record" in out.getvalue()


def test_a_refresh_reads_only_the_organizations_written_since(stc_record, tree, make_member):
    seq = Freshness.objects.get().audit_seq
    _write_a_task(tree, make_member(tree["stc_cell"], "Người Mới"))
    assert AuditEvent.objects.filter(seq__gt=seq).exists()
    # Only the cell's rows are rewritten: STC's keep their ids.
    stc_ids = set(OrganizationMonth.objects.filter(organization=tree["stc"]).values_list("pk"))
    services.refresh_changed(as_of=AS_OF)
    assert set(OrganizationMonth.objects.filter(organization=tree["stc"]).values_list("pk")) == (
        stc_ids
    )
    event = AuditEvent.objects.filter(action="dashboards.refresh").latest("seq")
    assert event.after["organizations"] == 1
    assert services.refresh_changed(as_of=AS_OF) == 0  # nothing new since


def test_a_new_day_refreshes_everything(stc_record, tree):
    services.refresh_changed(as_of=AS_OF + dt.timedelta(days=1))
    row = OrganizationMonth.objects.get(organization=tree["stc_cell"], month=dt.date(2026, 3, 1))
    assert row.tasks_overdue_days == 173 + 2  # both overdue tasks one day older
    assert Freshness.objects.get().as_of == AS_OF + dt.timedelta(days=1)


def test_a_tampered_row_is_reported(stc_record, tree):
    OrganizationMonth.objects.filter(organization=tree["stc"], month=dt.date(2026, 5, 1)).update(
        tasks_on_time=0
    )
    out = StringIO()
    with pytest.raises(CommandError, match="1 difference"):
        call_command("dashboards_verify", stdout=out)
    assert f"organization {tree['stc'].pk}, 05/2026, tasks_on_time: stored 0, record 1" in (
        out.getvalue()
    )
    # ... and a tampered subtree row too.
    SubtreeMonth.objects.filter(organization=tree["bloc"], month=dt.date(2026, 3, 1)).update(
        tasks_due=0
    )
    assert f"subtree of organization {tree['bloc'].pk}, 03/2026, tasks_due: stored 0, record 4" in (
        services.verify()
    )


def test_the_refresh_command(tree, make_task):
    make_task(tree["stc_cell"], dt.date(2026, 2, 1), status="in_progress")
    out = StringIO()
    call_command("dashboards_refresh", "--all", "--as-of", "2026-03-01", stdout=out)
    assert out.getvalue().strip() == "dashboards: 1 row(s) stored"
    call_command("dashboards_refresh", "--as-of", "2026-03-01", stdout=out)
    assert out.getvalue().strip().endswith("dashboards: 0 row(s) stored")
