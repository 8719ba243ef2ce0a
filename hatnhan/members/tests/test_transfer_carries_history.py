"""A transferred member's history goes with the dossier: the new organization reads it."""

import pytest

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.selectors import history_for_many
from hatnhan.audit.services import record_event
from hatnhan.members.services import transfer_member, update_member


def test_the_new_organization_reads_the_whole_history(tree, users, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    update_member(actor=users["secretary"], member=member, post="Chuyên viên")
    transfer = transfer_member(
        actor=users["admin"], member=member, to_organization=tree["syt_cell"]
    )
    everything = set(AuditEvent.objects.about([member, transfer]).values_list("pk", flat=True))
    seen = history_for_many([member, transfer], users["other"])
    assert set(seen.values_list("pk", flat=True)) == everything
    assert not history_for_many([member, transfer], users["secretary"]).exists()


def test_an_event_filed_nowhere_is_refused(tree, make_member):
    member = make_member(tree["stc_cell"], "Lê Văn Cường")
    count = AuditEvent.objects.count()
    with pytest.raises(ValueError):
        record_event(actor=None, action="member.update", obj=member, organization_path="")
    assert AuditEvent.objects.count() == count
