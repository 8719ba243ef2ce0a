"""The members' part of the demo as plain data: deterministic for a seed, province-sized, and
plausible people (no database)."""

import datetime as dt
import random
from collections import Counter

from hatnhan.members.demo import make_plan
from hatnhan.organizations.demo import ROOT_CODE, plan_terms, plan_tree
from hatnhan.organizations.models import OrganizationKind

TODAY = dt.date(2026, 11, 25)


def plan(seed: int, scale: float = 1.0):
    tree = plan_tree()
    terms = {(t.org, t.name): (t.start, t.end) for t in plan_terms(random.Random(seed), tree)}
    return make_plan(rng=random.Random(seed), scale=scale, today=TODAY, tree=tree, terms=terms)


def test_plan_is_deterministic_for_a_seed():
    first, again, other = plan(7, 0.05), plan(7, 0.05), plan(8, 0.05)
    assert first == again
    assert [m.full_name for m in first.members] != [m.full_name for m in other.members]


def test_tree_and_terms_are_deterministic():
    assert plan_tree() == plan_tree()
    tree = plan_tree()
    assert plan_terms(random.Random(3), tree) == plan_terms(random.Random(3), tree)
    assert plan_terms(random.Random(3), tree) != plan_terms(random.Random(4), tree)


def test_full_plan_is_a_province_sized_bloc():
    tree = plan_tree()
    full = plan(2017)
    grassroots = [o for o in tree if o.parent == ROOT_CODE]
    assert len(grassroots) >= 40
    assert 2700 <= len(full.members) <= 3500
    births = [m.date_of_birth.year for m in full.members]
    assert min(births) >= 1966 and max(births) <= 2000
    for m in full.members:
        age_at_joining = (m.probationary_date - m.date_of_birth).days / 365.25
        assert age_at_joining >= 18, m
        assert m.probationary_date <= TODAY
        if m.full_membership_date:
            assert m.probationary_date < m.full_membership_date <= TODAY
    probationary = sum(1 for m in full.members if m.full_membership_date is None)
    assert 0.01 * len(full.members) < probationary < 0.1 * len(full.members)
    statuses = Counter(m.status for m in full.members)
    assert statuses["active"] > 0.9 * len(full.members)
    assert statuses["transferred_out"] and statuses["exempt"]
    families = Counter(m.full_name.split()[0] for m in full.members)
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert 0.2 < families["Nguyễn"] / len(full.members) < 0.45
    # Cells of a đảng bộ cơ sở: 3 to 10 departments each.
    for org in tree:
        if org.kind == OrganizationKind.GRASSROOTS_COMMITTEE:
            below = [o for o in tree if o.parent == org.code]
            assert 3 <= len(below) <= 10, org.code
    # Every seat's term exists, and a seat starts with its term.
    terms = {(t.org, t.name): t for t in plan_terms(random.Random(2017), tree)}
    for seat in full.seats:
        assert seat.start == terms[(seat.org, seat.term)].start
