"""Sessions in the database, as Django's `db` backend keeps them, read with one prepared
statement.

Every logged-in request reads its session row. Django's backend builds that query with the
ORM each time, which costs several times what the database needs to answer it; here the
statement is written once. Everything else (saving, creating, deleting, expiry, the cookie)
is Django's own, so sessions stay server-side: deleting the row (logging out, changing the
password elsewhere, `clearsessions`) ends the session at once on every server.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict:
        data = self._session_data()
        return self.decode(data) if data is not None else {}

    def _session_data(self) -> str | None:
        """The stored data of this session if it exists and has not expired, else None
        (and the key is forgotten, as Django's backend does, so a new one is made)."""
        model = self.model
        connection = connections[router.db_for_read(model)]
        opts, quote = model._meta, connection.ops.quote_name
        sql = (
            f"SELECT {quote(opts.get_field('session_data').column)} FROM {quote(opts.db_table)} "  # noqa: S608
            f"WHERE {quote(opts.get_field('session_key').column)} = %s "
            f"AND {quote(opts.get_field('expire_date').column)} > %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return row[0]
