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


def test_the_demo_saves_the_sender_and_leaves_the_rest_of_the_checklist_to_do(db):
    from samverka.municipality.models import Municipality
    from samverka.setup import selectors

    UserFactory(email="admin@samverka.example", is_superuser=True, is_staff=True)
    demo.load()
    demo.load()
    row = Municipality.current()
    assert (row.email_sender_name, row.sms_sender) == ("Samverka Ekerö", "EkeroKommun")
    found = {item.key: item.ok for item in selectors.checklist()}
    assert found["sms_sender"] and not found["logo"] and not found["demo"] and not found["sender"]
