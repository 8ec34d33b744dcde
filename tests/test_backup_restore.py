"""A backup is only as good as its restore. These tests back up a database with data and
uploads, restore it into a fresh database through `manage.py restore` as an operator would,
and compare every table's row count and every upload's checksum.

SQLite runs in the normal suite. PostgreSQL runs in CI's own step (`.ci/run`), with
RESTORE_CHECK_POSTGRES set to the server (postgres://postgres@127.0.0.1:5432): it creates
restore_src_<random> and restore_check_<random>, fills the first with the demo municipality,
and drops both afterwards. It never touches the `test` or `test_*` databases of the suite."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from samverka.core.backup import database_counts, upload_checksums

ROOT = Path(__file__).resolve().parent.parent
SETUP_VARIABLES = {"DATABASE_URL", "SQLITE_PATH", "MEDIA_ROOT", "SAMVERKA_VAR_DIR", "REDIS_URL"}

sqlite_only = pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "samverka.core.sqlite",
                                 reason="the SQLite backup; PostgreSQL has its own test below")


def manage(*arguments: str, **variables: str) -> subprocess.CompletedProcess:
    """`manage.py` in a process of its own, configured only by the variables given."""
    env = {key: value for key, value in os.environ.items() if key not in SETUP_VARIABLES} | variables
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *arguments], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900, check=False)


def put_uploads(media: Path) -> dict[str, str]:
    (media / "activities" / "2026").mkdir(parents=True)
    (media / "activities" / "2026" / "sprakcafe.jpg").write_bytes(secrets.token_bytes(20_000))
    (media / "activities" / "stickcafe åäö.png").write_bytes(secrets.token_bytes(3_000))
    return upload_checksums(media)


def sqlite_counts(path: Path) -> dict[str, int]:
    database = sqlite3.connect(path)
    try:
        names = [n for (n,) in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: database.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}  # noqa: S608
    finally:
        database.close()


def live_counts() -> dict[str, int]:
    return database_counts(connection)


@pytest.fixture
def filled(transactional_db, resident, representative, official, administrator, actor, tmp_path, settings):
    """A database with the personas and an actor, and two uploads."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return put_uploads(settings.MEDIA_ROOT)


@sqlite_only
def test_a_sqlite_backup_restores_into_a_fresh_database_with_every_row_and_upload(filled, tmp_path):
    call_command("backup", str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    target, media = tmp_path / "restored" / "samverka.sqlite3", tmp_path / "restored-media"

    result = manage("restore", str(folder), SQLITE_PATH=str(target), MEDIA_ROOT=str(media),
                    SAMVERKA_VAR_DIR=str(tmp_path / "var"))

    assert result.returncode == 0, result.stderr
    assert "every row count and checksum matches the backup" in result.stdout
    source = live_counts()
    assert sqlite_counts(target) == source
    assert source["accounts_user"] >= 4 and source["actors_actor"] >= 1 and source["django_migrations"] > 50
    assert upload_checksums(media) == filled


@sqlite_only
def test_the_manifest_says_when_and_holds_every_checksum_and_count(filled, tmp_path):
    call_command("backup", str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert folder.name == f"samverka-{manifest['created'].replace('-', '').replace(':', '')}"
    assert manifest["engine"] == "sqlite"
    assert set(manifest["files"]) == {"database.sqlite3", "uploads.tar.gz"}
    assert manifest["tables"] == live_counts()
    assert manifest["uploads"] == filled
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


@sqlite_only
def test_restore_refuses_a_database_that_is_not_empty_unless_forced(filled, tmp_path):
    call_command("backup", str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    target = tmp_path / "in-use.sqlite3"
    database = sqlite3.connect(target)
    database.execute("CREATE TABLE kept (note TEXT)")
    database.execute("INSERT INTO kept VALUES ('Kerstins anteckning')")
    database.commit()
    database.close()
    variables = {"SQLITE_PATH": str(target), "MEDIA_ROOT": str(tmp_path / "media-2"),
                 "SAMVERKA_VAR_DIR": str(tmp_path / "var")}

    refused = manage("restore", str(folder), **variables)

    assert refused.returncode != 0
    assert "already has 1 tables" in refused.stderr and "--force" in refused.stderr
    assert sqlite_counts(target) == {"kept": 1}
    assert not (tmp_path / "media-2").exists()

    forced = manage("restore", "--force", str(folder), **variables)
    assert forced.returncode == 0, forced.stderr
    assert sqlite_counts(target)["accounts_user"] == live_counts()["accounts_user"]


@sqlite_only
def test_restore_refuses_an_uploads_folder_that_is_not_empty(filled, tmp_path):
    call_command("backup", str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    media = tmp_path / "media-in-use"
    media.mkdir()
    (media / "other.jpg").write_bytes(b"not from the backup")

    refused = manage("restore", str(folder), SQLITE_PATH=str(tmp_path / "new.sqlite3"), MEDIA_ROOT=str(media),
                     SAMVERKA_VAR_DIR=str(tmp_path / "var"))

    assert refused.returncode != 0
    assert "uploads folder" in refused.stderr
    assert sorted(p.name for p in media.iterdir()) == ["other.jpg"]


@sqlite_only
def test_a_damaged_backup_is_refused_before_anything_is_restored(filled, tmp_path):
    call_command("backup", str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    archive = folder / "uploads.tar.gz"
    damaged = bytearray(archive.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    archive.write_bytes(bytes(damaged))
    target = tmp_path / "new.sqlite3"

    verify = manage("restore", "--verify-only", str(folder), SAMVERKA_VAR_DIR=str(tmp_path / "var"))
    refused = manage("restore", str(folder), SQLITE_PATH=str(target), MEDIA_ROOT=str(tmp_path / "m"),
                     SAMVERKA_VAR_DIR=str(tmp_path / "var"))

    for result in (verify, refused):
        assert result.returncode != 0
        assert "uploads.tar.gz does not match its checksum" in result.stderr
    assert not target.exists() or sqlite_counts(target) == {}
    assert not (tmp_path / "m").exists()


@sqlite_only
def test_an_intact_backup_passes_verification(filled, tmp_path):
    call_command("backup", str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    result = manage("restore", "--verify-only", str(folder), SAMVERKA_VAR_DIR=str(tmp_path / "var"))
    assert result.returncode == 0, result.stderr
    assert "every file matches its checksum" in result.stdout


# PostgreSQL: CI's own step, after the PostgreSQL suite.

POSTGRES = os.environ.get("RESTORE_CHECK_POSTGRES", "").rstrip("/")


def postgres_counts(psycopg, url: str) -> dict[str, int]:
    with psycopg.connect(url) as database:
        names = [name for (name,) in database.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()]
        return {name: database.execute(  # noqa: S608
            psycopg.sql.SQL("SELECT COUNT(*) FROM {}").format(psycopg.sql.Identifier(name))).fetchone()[0]
            for name in names}


@pytest.mark.skipif(not POSTGRES, reason="set RESTORE_CHECK_POSTGRES (CI's restore step)")
def test_a_postgresql_backup_of_the_demo_restores_into_a_new_database(tmp_path):
    import psycopg
    import psycopg.sql

    suffix = secrets.token_hex(4)
    source_name, target_name = f"restore_src_{suffix}", f"restore_check_{suffix}"
    assert not source_name.startswith("test") and not target_name.startswith("test")
    source_url, target_url = f"{POSTGRES}/{source_name}", f"{POSTGRES}/{target_name}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        for name in (source_name, target_name):
            server.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
    try:
        source = {"DATABASE_URL": source_url, "MEDIA_ROOT": str(tmp_path / "media"),
                  "SAMVERKA_VAR_DIR": str(tmp_path / "var")}
        for command in (["migrate", "-v0"], ["load_demo"]):
            result = manage(*command, **source)
            assert result.returncode == 0, result.stderr
        uploads = put_uploads(tmp_path / "media")
        made = manage("backup", str(tmp_path / "backups"), **source)
        assert made.returncode == 0, made.stderr
        folder = Path(made.stdout.strip())
        assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

        target = {"DATABASE_URL": target_url, "MEDIA_ROOT": str(tmp_path / "restored-media"),
                  "SAMVERKA_VAR_DIR": str(tmp_path / "var")}
        restored = manage("restore", str(folder), **target)
        assert restored.returncode == 0, restored.stderr
        print(restored.stdout.strip())

        expected = postgres_counts(psycopg, source_url)
        assert postgres_counts(psycopg, target_url) == expected
        assert expected["actors_actor"] > 10 and expected["activities_activity"] > 10
        assert upload_checksums(tmp_path / "restored-media") == uploads

        again = manage("restore", str(folder), **target)
        assert again.returncode != 0 and "--force" in again.stderr
    finally:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
            for name in (source_name, target_name):
                server.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    psycopg.sql.Identifier(name)))
