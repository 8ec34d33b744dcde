from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump, custom format; SQLite: a consistent copy) and the "
        "uploads (MEDIA_ROOT, tar) into a new folder samverka-<time> inside DIRECTORY, with a manifest "
        "(time, checksums, row counts). Restore with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="where to put the new backup folder")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, directory, database, **options):
        try:
            folder = backup(directory, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(folder))
