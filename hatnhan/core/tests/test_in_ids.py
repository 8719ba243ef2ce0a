"""`InIds` picks the rows `__in` picks, on both databases, through a foreign key and a join,
with no id bound as its own parameter, and refuses anything but integers."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from hatnhan.core.expressions import InIds


@pytest.fixture
def accounts(db):
    User = get_user_model()
    return [User.objects.create(username=f"in-ids-{i}") for i in range(6)]


def test_the_same_rows_as_in(accounts):
    User = get_user_model()
    wanted = [accounts[0].pk, accounts[3].pk, accounts[5].pk, 10**9]
    assert list(User.objects.filter(InIds("pk", wanted)).order_by("pk")) == list(
        User.objects.filter(pk__in=wanted).order_by("pk")
    )
    assert not User.objects.filter(InIds("pk", [])).exists()
    # Negated and combined, as any condition.
    assert set(User.objects.exclude(InIds("pk", wanted[:2])).values_list("pk", flat=True)) == {
        a.pk for a in accounts
    } - set(wanted[:2])


def test_through_a_join(tree, make_member):
    from hatnhan.members.models import Member

    members = [make_member(name=f"Thành Viên {i}") for i in range(3)]
    orgs = [tree["stc_cell"].pk]
    found = Member.objects.filter(InIds("organization__id", orgs), pk__in=[m.pk for m in members])
    assert found.count() == 3


def test_ids_are_not_parameters_one_by_one(accounts):
    User = get_user_model()
    ids = [a.pk for a in accounts]
    _sql, params = User.objects.filter(InIds("pk", ids)).query.sql_with_params()
    # One array on PostgreSQL, literals on SQLite: never one parameter per id.
    assert len(params) == (1 if connection.vendor == "postgresql" else 0)


def test_only_integers_reach_the_statement():
    with pytest.raises((TypeError, ValueError)):
        InIds("pk", ["1) OR (1=1"])
