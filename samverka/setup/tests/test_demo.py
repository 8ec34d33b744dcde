"""The demo shows a finished import of meeting places with one refused row; a second load adds nothing."""

from samverka.accounts.tests.factories import UserFactory
from samverka.activities.models import MeetingPlace
from samverka.setup import demo
from samverka.setup.models import ImportJob


def test_the_demo_imports_the_culture_offices_places_once(db):
    UserFactory(email="admin@samverka.example", is_superuser=True, is_staff=True)
    demo.load()
    demo.load()
    job = ImportJob.objects.get()
    assert (job.status, job.created_count, job.refused_count) == ("done", 4, 1)
    assert MeetingPlace.objects.get(name="Ekebyhovs slottspark").kind == MeetingPlace.Kind.OUTDOOR
    assert job.errors[0]["row"] == 6
