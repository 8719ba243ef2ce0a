"""A `replica` alias for tests: a second connection to the test database, as the
`TEST: {"MIRROR": "default"}` of a configured replica would be, and the router installed.

The alias is added to the connection handler rather than through override_settings(DATABASES=…),
which Django does not apply to connections already made. Tests using it need committed rows
(`transactional_db`): the second connection does not see the first one's open transaction."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import override_settings

from hatnhan.core.routers import REPLICA


@contextmanager
def replica_alias() -> Iterator[None]:
    settings_dict = dict(connections[DEFAULT_DB_ALIAS].settings_dict)
    settings_dict["TEST"] = {**settings_dict.get("TEST", {}), "MIRROR": DEFAULT_DB_ALIAS}
    connections.settings[REPLICA] = settings_dict
    # Opened here, not on first use: pytest-django's test case refuses to open a connection
    # for an alias it was not told about, and it is told before this alias exists.
    connections[REPLICA].connect()
    try:
        with override_settings(DATABASE_ROUTERS=["hatnhan.core.routers.ReplicaRouter"]):
            yield
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
