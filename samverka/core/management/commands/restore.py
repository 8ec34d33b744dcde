from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.core.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Restore a folder made by `manage.py backup` into the configured database (DATABASE_URL or "
        "SQLITE_PATH) and MEDIA_ROOT, then compare every table's row count and every upload's checksum "
        "with the backup's manifest. Refuses a database or uploads folder that is not empty unless --force."
    )
    # The checks would open the database first, which may not exist yet.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a backup folder (samverka-<time>)")
        parser.add_argument("--force", action="store_true", help="replace what the database and MEDIA_ROOT hold")
        parser.add_argument("--verify-only", action="store_true",
                            help="only check the backup's files against their checksums; restore nothing")
        parser.add_argument("--database", default="default", help="the database alias (default: default)")

    def handle(self, *args, folder, force, verify_only, database, **options):
        try:
            if verify_only:
                manifest = read_manifest(folder)
                self.stdout.write(f"{folder}: every file matches its checksum (made {manifest['created']}).")
                return
            report = restore(folder, force=force, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if report["differences"]:
            raise CommandError("The restore does not match the backup:\n" + "\n".join(report["differences"]))
        self.stdout.write(
            f"Restored {report['tables']} tables ({report['rows']} rows) and {report['uploads']} uploads; "
            "every row count and checksum matches the backup."
        )
