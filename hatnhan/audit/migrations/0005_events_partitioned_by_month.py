from django.db import migrations

from hatnhan.audit.partitions import partition_by_month, unpartition


class Migration(migrations.Migration):
    # PostgreSQL only (SQLite has no partitioning): the trail becomes a table partitioned by
    # month of created_at, its events copied over. On a trail of many millions of events this
    # copy takes a while: run it in a maintenance window (docs/production.md).
    dependencies = [("audit", "0004_auditevent_key_id")]

    operations = [migrations.RunPython(partition_by_month, unpartition)]
