"""The benchmark's own database: created fresh for one run and removed afterwards."""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench"
_SAFE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class BenchDatabase:
    """A temporary folder (for SQLite, logs and the server's var dir) and, with a
    PostgreSQL URL, a database on that server. `env` holds the variables that point
    the platform at it."""

    def __init__(self, postgres_url: str | None = None):
        self.postgres_url = postgres_url
        self.tmp = Path(tempfile.mkdtemp(prefix="samverka-bench-"))
        self.created_postgres = False
        self.kind = "postgresql" if postgres_url else "sqlite"
        self.env: dict[str, str] = {"SAMVERKA_VAR_DIR": str(self.tmp / "var"), "MEDIA_ROOT": str(self.tmp / "media")}

    def __enter__(self) -> BenchDatabase:
        try:
            if self.postgres_url:
                self._create_postgres()
                self.env["DATABASE_URL"] = self.postgres_url
            else:
                self.env["SQLITE_PATH"] = str(self.tmp / "bench.sqlite3")
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def describe(self) -> str:
        if not self.postgres_url:
            return f"SQLite at {self.env['SQLITE_PATH']}"
        parts = urlsplit(self.postgres_url)
        return f"PostgreSQL database {self._name()!r} on {parts.hostname}:{parts.port or 5432}"

    # PostgreSQL ---------------------------------------------------------------------
    def _name(self) -> str:
        return unquote(urlsplit(self.postgres_url or "").path.lstrip("/"))

    def _maintenance_connection(self):
        import psycopg

        parts = urlsplit(self.postgres_url or "")
        if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
            raise SystemExit(f"The benchmark only talks to 127.0.0.1, not {parts.hostname}.")
        url = urlunsplit((parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", ""))
        try:
            return psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as error:
            raise SystemExit(f"Cannot reach PostgreSQL at {parts.hostname}:{parts.port or 5432}: {error}") from None

    def _create_postgres(self) -> None:
        from psycopg import sql

        name = self._name()
        if not _SAFE_NAME.match(name):
            raise SystemExit(f"Use a plain database name for the benchmark, not {name!r}.")
        with self._maintenance_connection() as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists:
                if not name.startswith("bench"):
                    raise SystemExit(
                        f"The database {name!r} already exists. The benchmark needs a fresh one: give a name "
                        "that does not exist yet (or one starting with 'bench', which it may drop and re-create).")
                log(f"dropping the leftover database {name!r} from an earlier run")
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            self.created_postgres = True
        log(f"created {self.describe()}")

    def _drop_postgres(self) -> None:
        from psycopg import sql

        with self._maintenance_connection() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self._name())))
        self.created_postgres = False
        log(f"dropped {self.describe()}")

    # ---------------------------------------------------------------------------------
    def close(self) -> None:
        if self.created_postgres:
            try:
                self._drop_postgres()
            except Exception as error:  # keep cleaning up; say what is left behind
                log(f"could not drop the benchmark database ({error}); drop it by hand")
        shutil.rmtree(self.tmp, ignore_errors=True)
