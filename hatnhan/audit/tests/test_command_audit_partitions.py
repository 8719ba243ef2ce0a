"""`hatnhan audit partitions` lists the trail's months (and DEFAULT) on PostgreSQL, making
any that are missing; on SQLite it says the trail is not partitioned."""

import datetime as dt
import io

from django.core.management import call_command
from django.db import connection


def test_lists_the_months_or_says_there_are_none(db):
    out = io.StringIO()
    call_command("audit", "partitions", stdout=out)
    text = out.getvalue()
    if connection.vendor != "postgresql":
        assert "không phân vùng" in text
        return
    today = dt.datetime.now(dt.UTC)
    assert f"audit_auditevent_y{today:%Y}m{today:%m}\t{today:%m/%Y}\t" in text
    assert "audit_auditevent_default\tmặc định" in text
