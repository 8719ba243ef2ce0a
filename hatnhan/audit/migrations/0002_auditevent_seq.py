from django.db import migrations, models


def number_events(apps, schema_editor):
    """Existing events get their positions in id order, the order they were chained in."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for seq, pk in enumerate(AuditEvent.objects.order_by("id").values_list("id", flat=True), 1):
        AuditEvent.objects.filter(pk=pk).update(seq=seq)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.RunPython(number_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(unique=True),
        ),
    ]
