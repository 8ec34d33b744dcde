"""Case numbers (diarienummer) under concurrent submits, on PostgreSQL: twenty associations
press "Send" at the same moment in two committees' programmes; every application gets a
number, unique and without a gap, per committee and year. Each thread is one representative
with their own database connection going through the real view (`select_for_update` on the
committee's counter row is what is tested, so this runs only where rows are locked; without
it this test fails with duplicate numbers). Run it with
`DATABASE_URL=postgres://… pytest -p no:xdist samverka/grants/tests/test_case_numbers.py`."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import AssociationFactory, MembershipFactory
from samverka.grants.models import Application, CaseCounter

from .factories import ApplicationFactory, CommitteeFactory, ProgrammeFactory, budget
from .test_apply import _form

PER_COMMITTEE = 10


@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_get_unique_gapless_numbers_per_committee_and_year(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) are what is tested; SQLite locks the whole database")
    # A slow moment between reading the counter and writing it back, so that a missing lock
    # shows as a duplicate number instead of hiding behind the test's own timing.
    save = CaseCounter.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.05)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(CaseCounter, "save", slow_save)
    today = timezone.localdate()
    committees = [CommitteeFactory(), CommitteeFactory(slug="socialnamnden", name="Socialnämnden")]
    people = []
    for committee in committees:
        programme = ProgrammeFactory(committee=committee, year=today.year, opens_on=today - timedelta(days=1),
                                     closes_on=today + timedelta(days=10))
        for n in range(PER_COMMITTEE):
            actor = AssociationFactory(name=f"Förening {committee.slug} {n}")
            user = UserFactory(first_name=f"Person{n}", email=f"{committee.slug}-{n}@example.org")
            MembershipFactory(actor=actor, user=user, role=ActorMembership.Role.OWNER)
            application = ApplicationFactory(programme=programme, actor=actor, applicant=user)
            budget(application)
            people.append((user, application))
    barrier = threading.Barrier(len(people))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def representative(user, application) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=30)
            response = client.post(reverse("grants:application", args=[application.pk]), _form(submit="1"))
            statuses.append(response.status_code)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=representative, args=person) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert statuses == [302] * len(people)
    for committee in committees:
        numbers = list(Application.objects.filter(programme__committee=committee).values_list("case_number",
                                                                                                flat=True))
        prefix = "KFN" if committee.slug.startswith("kultur") else "SN"
        assert sorted(numbers) == [f"{prefix} {today.year}/{n:04d}" for n in range(1, PER_COMMITTEE + 1)]
