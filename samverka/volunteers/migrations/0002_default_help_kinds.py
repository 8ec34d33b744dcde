from django.db import migrations

from samverka.volunteers.migrations._help_kinds import add


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
