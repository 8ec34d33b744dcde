from django.db import migrations


def load_defaults(apps, schema_editor):
    from samverka.cases.defaults import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("municipality", "0002_default_configuration")]
    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
