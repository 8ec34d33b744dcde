"""On PostgreSQL, sort actor names by the bytes of their sort key (collation "C").

`Actor.sort_name` is a key that puts Å, Ä and Ö after Z by mapping them to characters after
'z' in code-point order. A database created with a language collation (en_US, sv_SE, ICU)
ignores such punctuation and would sort Åland first. SQLite compares bytes already."""

from django.db import migrations


def byte_order(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE actors_actor ALTER COLUMN sort_name TYPE varchar(200) COLLATE "C"')


def default_order(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE actors_actor ALTER COLUMN sort_name TYPE varchar(200) COLLATE "default"')


class Migration(migrations.Migration):
    dependencies = [("actors", "0001_initial")]

    operations = [migrations.RunPython(byte_order, default_order, elidable=False)]
