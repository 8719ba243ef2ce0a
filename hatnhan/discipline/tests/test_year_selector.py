"""The year's discipline the evaluation reads (discipline caps ratings): QĐ 124-QĐ/TW Art. 12
— a member disciplined in the year is "Không hoàn thành" unless they found and reported the
fault themselves; a collective is capped when its leadership was disciplined cảnh cáo or
higher or more than 20 % of its subordinate units were; QĐ 366 Art. 11 — "xuất sắc" needs no
subordinate unit and no leader disciplined. An annulled decision counts for nothing."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hatnhan.discipline import selectors, services
from hatnhan.members.services import create_seat

pytestmark = [pytest.mark.django_db]


def test_member_disciplined_in_the_year_is_capped(decide, full_member):
    decide(member=full_member, form="warning")
    year = selectors.member_in_year(full_member, 2026)
    assert year.disciplined and year.worst == "warning" and year.caps_member_rating
    assert not selectors.member_in_year(full_member, 2025).disciplined


def test_self_reported_fault_does_not_cap(decide, full_member):
    """QĐ 124 Art. 12: unless the member found and reported the fault themselves."""
    decide(member=full_member, form="reprimand", self_reported=True)
    year = selectors.member_in_year(full_member, 2026)
    assert year.disciplined and year.all_self_reported and not year.caps_member_rating


def test_annulled_decision_counts_for_nothing(decide, full_member, users, tree):
    decision = decide(member=full_member)
    services.correct_decision(
        actor=users["secretary"],
        decision=decision,
        kind="annulment",
        number="9-QĐ",
        decided_on=dt.date(2026, 4, 1),
        deciding_body=tree["stc"],
        reason="Khiếu nại đúng",
    )
    assert not selectors.member_in_year(full_member, 2026).disciplined


def test_collective_leadership_and_subordinates(decide, full_member, tree, make_member):
    create_seat(actor=None, organization=tree["stc"], member=full_member, role="committee")
    decide(member=full_member, form="warning", deciding_body=tree["stc"])
    decide(organization=tree["stc_cell"], form="reprimand", deciding_body=tree["stc"])
    year = selectors.organization_in_year(tree["stc"], 2026)
    assert year.leadership_warning_or_higher and year.leadership_disciplined
    assert year.subordinates_disciplined == 1 and year.subordinates_total == 1
    assert year.subordinates_share == 1.0 and year.any_disciplined
    bloc = selectors.organization_in_year(tree["bloc"], 2026)
    assert bloc.subordinates_disciplined == 1 and bloc.subordinates_total == 2
    assert not bloc.own.disciplined


def test_many_members_in_one_query(decide, make_member, tree):
    members = [make_member(tree["stc_cell"], f"Người {i}") for i in range(5)]
    for member in members[:3]:
        decide(member=member)
    with CaptureQueriesContext(connection) as ctx:
        found = selectors.members_in_year(members, 2026)
    assert len(ctx.captured_queries) == 1
    assert [found[m.pk].disciplined for m in members] == [True, True, True, False, False]


def test_many_organizations_in_a_fixed_number_of_queries(decide, full_member, tree):
    """The year-end round reads every organization of a subtree at once: the answers are each
    organization's own, and the queries do not grow with the organizations."""
    create_seat(actor=None, organization=tree["stc"], member=full_member, role="committee")
    decide(member=full_member, form="warning", deciding_body=tree["stc"])
    decide(organization=tree["stc_cell"], form="reprimand", deciding_body=tree["stc"])
    few = [tree["bloc"], tree["stc"]]
    everyone = [tree[k] for k in ("bloc", "stc", "stc_cell", "syt", "syt_cell")]
    with CaptureQueriesContext(connection) as small:
        selectors.organizations_in_year(few, 2026)
    with CaptureQueriesContext(connection) as large:
        found = selectors.organizations_in_year(everyone, 2026)
    assert len(large.captured_queries) == len(small.captured_queries) <= 5
    stc, bloc, cell, syt = (found[tree[k].pk] for k in ("stc", "bloc", "stc_cell", "syt"))
    assert stc.leadership_warning_or_higher and stc.subordinates_disciplined == 1
    assert (bloc.subordinates_disciplined, bloc.subordinates_total) == (1, 2)
    assert not bloc.leadership_disciplined and not bloc.own.disciplined
    assert cell.own.disciplined and cell.subordinates_total == 0
    assert not syt.any_disciplined and syt.subordinates_total == 1
