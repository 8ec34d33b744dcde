from django.db import migrations


def load_defaults(apps, schema_editor):
    from samverka.municipality.defaults import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("municipality", "0001_initial")]
    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
