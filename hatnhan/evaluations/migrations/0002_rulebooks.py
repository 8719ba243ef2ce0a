"""The shipped rulebooks, QĐ 366 (2025–) and QĐ 124 (2023–2024), as data."""

from django.db import migrations


def load(apps, schema_editor):
    from hatnhan.evaluations.rulebooks import load as load_rulebooks

    load_rulebooks(apps.get_model("evaluations", "Rulebook"), apps.get_model("evaluations", "Rule"))


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
