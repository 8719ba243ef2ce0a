from django.db import migrations, models


class Migration(migrations.Migration):
    # Existing events keep key_id "" (hashed without a key) until the operator runs
    # `hatnhan audit rekey` once (docs/decisions.md, "A keyed audit chain").
    dependencies = [("audit", "0003_events_filed_where_read_now")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, max_length=32, verbose_name="mã khóa"),
        ),
    ]
