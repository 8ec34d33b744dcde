"""Thirty people send a message at the same moment, before any case number has been given
out this year: thirty cases, numbered 1 to 30 without a gap or a
duplicate, on SQLite and on PostgreSQL. Each thread is one visitor with its own database
connection going through the real view."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from samverka.activities.tests.test_concurrency import database_as_in_production  # noqa: F401
from samverka.cases.models import Case
from samverka.cases.tests.helpers import case_form, new_url

PEOPLE = 30


@pytest.mark.django_db(transaction=True)
def test_simultaneous_messages_get_unique_consecutive_case_numbers(request, offices):
    data = case_form()
    request.getfixturevalue("database_as_in_production")  # after the data is written
    barrier = threading.Barrier(PEOPLE)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def visitor(n: int) -> None:
        try:
            client = Client(REMOTE_ADDR=f"10.0.{n // 250}.{n % 250 + 1}")
            barrier.wait(timeout=30)
            response = client.post(new_url(), {**data, "message": f"Fråga {n}", "email": f"p{n}@example.org"})
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
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for ref in Case.objects.values_list("reference", flat=True))
    assert numbers == list(range(1, PEOPLE + 1))
    assert connection.vendor in {"sqlite", "postgresql"}
