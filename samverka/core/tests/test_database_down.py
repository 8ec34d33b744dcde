"""With the database out of reach, pages answer 503 with Retry-After in the site's look,
and the API answers 503 in JSON; a wrong query is still a 500."""

import sqlite3

import psycopg
import psycopg.errors
import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError, connections
from django.test import Client
from django.urls import reverse

from samverka.core.unavailable import database_unavailable


def _unreachable(name=None):
    """What a database out of reach raises: PostgreSQL's refused connection (no SQLSTATE),
    or SQLite's file that cannot be opened (SQLITE_CANTOPEN)."""
    if connections["default"].vendor == "postgresql":
        raise psycopg.OperationalError("connection failed: Connection refused")
    return sqlite3.connect("/nonexistent-directory/samverka.sqlite3")


def _wrong_query(name=None):
    """A query the database refuses: a programming error, not an outage."""
    return sqlite3.connect(":memory:").execute("SELECT * FROM no_such_table")


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def database_down(db):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connections["default"], "create_cursor", _unreachable)
        yield


def test_a_page_answers_503_in_the_sites_look(visitor, actor, database_down):
    response = visitor.get(reverse("actors:directory"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "<h1>Tillbaka om en stund</h1>" in page
    assert 'href="/static/' in page or "samverka.css" in page
    assert '<html lang="sv" dir="ltr">' in page


def test_the_page_speaks_the_visitors_language(visitor, db, database_down):
    response = visitor.get("/ar/aktorer/")
    assert response.status_code == 503
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "<h1>سنعود بعد قليل</h1>" in page


def test_a_logged_in_page_whose_session_cannot_be_read_answers_503(visitor, resident):
    visitor.force_login(resident)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connections["default"], "create_cursor", _unreachable)
        response = visitor.get(reverse("accounts:dashboard"))
    assert response.status_code == 503
    assert "Tillbaka om en stund" in response.content.decode()


def test_the_api_answers_503_in_json(visitor, actor, database_down):
    response = visitor.get("/api/v1/actors/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_a_form_sent_while_the_database_is_down_answers_503(visitor, db, database_down):
    response = visitor.post(reverse("cases:new"), {"message": "Hej"})
    assert response.status_code == 503


def test_a_wrong_query_is_still_a_server_error(visitor, actor):
    for url in (reverse("actors:directory"), "/api/v1/actors/"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(connections["default"], "create_cursor", _wrong_query)
            response = visitor.get(url)
        assert response.status_code == 500
        assert "Retry-After" not in response


def _django_error(kind, cause):
    error = kind(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(("error", "unavailable"), [
    (_django_error(OperationalError, psycopg.OperationalError("connection refused")), True),
    (_django_error(OperationalError, psycopg.errors.AdminShutdown("terminating connection")), True),
    (_django_error(OperationalError, psycopg.errors.TooManyConnections("too many clients")), True),
    (_django_error(InterfaceError, psycopg.InterfaceError("connection already closed")), True),
    (_django_error(ProgrammingError, psycopg.errors.UndefinedTable("relation does not exist")), False),
    (_django_error(OperationalError, psycopg.errors.DiskFull("could not extend file")), True),
    (ValueError("not a database error"), False),
    (None, False),
])
def test_only_an_unreachable_database_counts_as_one(error, unavailable):
    assert database_unavailable(error) is unavailable
