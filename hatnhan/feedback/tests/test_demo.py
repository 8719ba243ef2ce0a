"""The demo's citizens' reports: fifteen across the agencies in every state, written through
the services (audit chain intact), the reporters' identities encrypted."""

import datetime as dt
import io
import random

from hatnhan.accounts.services import create_user
from hatnhan.audit.services import verify_chain
from hatnhan.feedback import demo
from hatnhan.feedback.models import FeedbackReport, IdentityView, Status

TODAY = dt.date(2026, 11, 25)


def test_demo_reports_in_every_state(tree, make_member):
    make_member(tree["stc"], "Đảng viên Sở Tài chính")
    make_member(tree["syt"], "Đảng viên Sở Y tế")
    for username, role in (("tung", "staff"), ("custodian", "custodian")):
        create_user(
            actor=None,
            username=username,
            role=role,
            organization=tree["bloc"],
            password="demo",
            check_password=False,
        )
    demo.populate(rng=random.Random("2017:feedback"), today=TODAY, stdout=io.StringIO())
    assert demo.loaded()
    assert FeedbackReport.objects.count() == 15
    assert set(FeedbackReport.objects.values_list("status", flat=True)) == set(Status.values)
    assert FeedbackReport.objects.filter(task__isnull=False).exists()
    assert FeedbackReport.objects.filter(case__isnull=False).exists()
    assert FeedbackReport.objects.filter(substantiated=True).count() == 3
    assert IdentityView.objects.count() == 1
    assert verify_chain() == []
