"""Fifty people press "Register" at the same moment for ten places: exactly ten get a
place and forty end up on the waiting list, in order, on SQLite and on PostgreSQL.

Each thread is one visitor with its own database connection and goes through the real
view (the Django test client), so the transaction, the lock and the service are the
ones production runs."""

import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from samverka.activities.models import Registration
from samverka.activities.tests.factories import RegistrationActivityFactory

PEOPLE = 50
PLACES = 10


@pytest.fixture
def database_as_in_production(tmp_path):
    """On SQLite the test database lives in memory with a shared cache, where a writer
    that finds the database locked fails at once instead of waiting. Production SQLite is
    a file in WAL mode whose writers queue (busy timeout, BEGIN IMMEDIATE), so for this
    test the data is copied to such a file and every connection opens that file."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    path = tmp_path / "samverka.sqlite3"
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    memory, original = connection.connection, connection.settings_dict["NAME"]
    connection.connection = None  # keep the in-memory database alive, open the file next
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        connection.connection = memory


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_confirmations_for_ten_places_never_overbook(request, settings):
    settings.RATELIMIT_ENABLE = False  # fifty people from one test address; the race is the point
    activity = RegistrationActivityFactory(capacity=PLACES)
    occurrence = activity.occurrences.get()
    request.getfixturevalue("database_as_in_production")  # after the data is written
    url = reverse("activities:register", args=[activity.slug, occurrence.pk])
    barrier = threading.Barrier(PEOPLE)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def visitor(n: int) -> None:
        try:
            client = Client()
            client.post(url, {"name": f"Person {n}", "email": f"person{n}@example.org"})
            token = Registration.objects.get(email=f"person{n}@example.org").cancel_token
            barrier.wait(timeout=60)  # everyone opens the link in their e-mail at once
            response = client.post(reverse("activities:confirm_registration", args=[token]))
            statuses.append(response.status_code)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert statuses == [302] * PEOPLE
    registrations = Registration.objects.filter(occurrence=occurrence)
    assert registrations.filter(status=Registration.Status.CONFIRMED).count() == PLACES
    assert registrations.filter(status=Registration.Status.WAITLISTED).count() == PEOPLE - PLACES
    # Whoever got in first has a place: positions 1–10 confirmed, 11–50 waiting.
    positions = dict(registrations.values_list("position", "status"))
    assert sorted(positions) == list(range(1, PEOPLE + 1))
    assert {positions[p] for p in range(1, PLACES + 1)} == {Registration.Status.CONFIRMED}
    assert {positions[p] for p in range(PLACES + 1, PEOPLE + 1)} == {Registration.Status.WAITLISTED}
    assert connection.vendor in {"sqlite", "postgresql"}
