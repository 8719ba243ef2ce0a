"""`hatnhan replica-lag`: the replica's replay delay, or a refusal when none is configured."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from hatnhan.core.tests.replica import replica_alias


def test_without_a_replica_the_command_says_so(db):
    with pytest.raises(CommandError, match="DATABASE_REPLICA_URL"):
        call_command("replica_lag")


@pytest.mark.django_db(transaction=True)
def test_a_replica_that_is_no_standby_reports_no_lag():
    # The test suite's alias is the primary itself (not in recovery): nothing to replay.
    out = io.StringIO()
    with replica_alias():
        call_command("replica_lag", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"replica_lag_seconds": 0.0}
