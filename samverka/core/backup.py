"""Backups that prove they restore: the database (PostgreSQL: pg_dump's custom format;
SQLite: the sqlite3 backup API) and the uploads (MEDIA_ROOT as a tar archive), with a
manifest of when it was made, the checksum of every file, the row count of every table
and the checksum of every upload. A restore checks the files first, refuses to write over
a database or an uploads folder that is not empty unless told to, and afterwards compares
every count and checksum with the manifest."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec: B404  # pg_dump and pg_restore, by full path, without a shell
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
UPLOADS = "uploads.tar.gz"
FORMAT = 1


class BackupError(Exception):
    """A backup that cannot be made or restored, said in a sentence for the operator."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def upload_checksums(root: Path) -> dict[str, str]:
    """Every file under the uploads folder (by its path inside it) and its checksum."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_of(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def count_rows(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        # Raw SQL: every table is counted, also those no model describes (the migration
        # records, tables of third-party apps); the names come from the database itself.
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608  # nosec: B608  # quoted table names
        counts[table] = cursor.fetchone()[0]
    return counts


def database_counts(connection) -> dict[str, int]:
    """The rows of every table of a Django database connection."""
    with connection.cursor() as cursor:
        return count_rows(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)


def _program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} was not found. Install the PostgreSQL client programs (apt install postgresql-client).")
    return path


def _postgres_arguments(connection) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump and pg_restore; the password goes in the environment."""
    params = connection.settings_dict
    arguments = ["--dbname", params["NAME"]]
    if params.get("HOST"):
        arguments += ["--host", params["HOST"]]
    if params.get("PORT"):
        arguments += ["--port", str(params["PORT"])]
    if params.get("USER"):
        arguments += ["--username", params["USER"]]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return arguments, env


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec: B603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _sqlite_path(connection) -> Path | None:
    name = str(connection.settings_dict["NAME"])
    return None if connection.is_in_memory_db() else Path(name)


def _backup_postgresql(connection, folder: Path) -> dict[str, int]:
    """pg_dump and the row counts from one snapshot, so they agree while people keep writing."""
    arguments, env = _postgres_arguments(connection)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run([_program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              "--file", str(folder / POSTGRES_DUMP), *arguments], env)
        return count_rows(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)


def _sqlite_tables(database: sqlite3.Connection) -> list[str]:
    rows = database.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in rows]


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _backup_sqlite(connection, folder: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(folder / SQLITE_COPY)
    try:
        connection.connection.backup(copy)
        return count_rows(copy.cursor(), _sqlite_tables(copy), _sqlite_quote)
    finally:
        copy.close()


def backup(directory: Path, *, using: str = "default") -> Path:
    """Write a new backup folder inside `directory` and return it."""
    connection = connections[using]
    created = timezone.now().replace(microsecond=0)
    folder = Path(directory) / f"samverka-{created.strftime('%Y%m%dT%H%M%SZ')}"
    folder.mkdir(parents=True, exist_ok=False)
    folder.chmod(0o700)  # personal data: readable by the operator only
    if connection.vendor == "postgresql":
        tables = _backup_postgresql(connection, folder)
    elif connection.vendor == "sqlite":
        tables = _backup_sqlite(connection, folder)
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    media = Path(settings.MEDIA_ROOT)
    uploads = upload_checksums(media)
    with tarfile.open(folder / UPLOADS, "w:gz") as archive:
        for name in uploads:
            archive.add(media / name, arcname=name, recursive=False)
    files = {path.name: {"sha256": sha256_of(path), "bytes": path.stat().st_size}
             for path in sorted(folder.iterdir())}
    manifest = {
        "format": FORMAT,
        "created": created.isoformat().replace("+00:00", "Z"),
        "engine": connection.vendor,
        "files": files,
        "tables": tables,
        "uploads": uploads,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return folder


def read_manifest(folder: Path) -> dict:
    """The manifest, once every file it names is there with its checksum."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} has no {MANIFEST}: it is not a backup folder.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder / MANIFEST} has an unknown format.")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        if sha256_of(path) != expected["sha256"]:
            raise BackupError(f"{path} does not match its checksum in the manifest: the backup is damaged.")
    return manifest


def _refuse_unless_empty(connection, media: Path, force: bool) -> None:
    if force:
        return
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} already has {len(tables)} tables. Restore into an "
            "empty database, or add --force to replace what is there."
        )
    if media.is_dir() and any(media.iterdir()):
        raise BackupError(f"The uploads folder {media} is not empty. Restore into an empty folder, or add --force.")


def _restore_postgresql(connection, folder: Path, force: bool) -> None:
    arguments, env = _postgres_arguments(connection)
    connection.close()
    clean = ["--clean", "--if-exists"] if force else []
    _run([_program("pg_restore"), "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges",
          *clean, *arguments, str(folder / POSTGRES_DUMP)], env)


def _restore_sqlite(connection, folder: Path) -> None:
    target = _sqlite_path(connection)
    if target is None:
        raise BackupError("The database is in memory: set SQLITE_PATH to the file to restore into.")
    connection.close()
    source, destination = sqlite3.connect(folder / SQLITE_COPY), sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        source.close()
        destination.close()


def restore(folder: Path, *, force: bool = False, using: str = "default") -> dict:
    """Restore a backup folder into the configured database and MEDIA_ROOT, then compare
    every table's row count and every upload's checksum with the manifest. Returns what
    was restored and, under "differences", every count or checksum that does not match."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    connection = connections[using]
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"This backup is of a {manifest['engine']} database, not {connection.vendor}.")
    media = Path(settings.MEDIA_ROOT)
    if connection.vendor == "sqlite" and (path := _sqlite_path(connection)):
        path.parent.mkdir(parents=True, exist_ok=True)
    _refuse_unless_empty(connection, media, force)
    if connection.vendor == "postgresql":
        _restore_postgresql(connection, folder, force)
    else:
        _restore_sqlite(connection, folder)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / UPLOADS, "r:gz") as archive:
        archive.extractall(media, filter="data")  # nosec: B202  # the data filter refuses links and paths outside
    tables = database_counts(connection)
    uploads = upload_checksums(media)
    differences = [
        f"table {table}: {manifest['tables'][table]} rows in the backup, {tables.get(table)} restored"
        for table in manifest["tables"] if tables.get(table) != manifest["tables"][table]
    ] + [
        f"upload {name}: {'missing' if name not in uploads else 'a different checksum'}"
        for name, checksum in manifest["uploads"].items() if uploads.get(name) != checksum
    ]
    return {
        "tables": len(tables), "rows": sum(tables.values()), "uploads": len(manifest["uploads"]),
        "differences": differences,
    }
