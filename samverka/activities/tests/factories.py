from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from samverka.activities import services
from samverka.activities.models import Activity, MeetingPlace, Registration
from samverka.activities.recurrence import TZ
from samverka.actors.tests.factories import ActorFactory


def at(day, hour: int = 18, minute: int = 0) -> datetime:
    """A local Stockholm time on `day` (a date), aware."""
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def in_days(days: int, hour: int = 18, minute: int = 0) -> datetime:
    return at(timezone.localdate() + timedelta(days=days), hour, minute)


class MeetingPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingPlace

    name = factory.Sequence(lambda n: f"Mötesplats {n}")
    slug = factory.Sequence(lambda n: f"motesplats-{n}")
    kind = MeetingPlace.Kind.LIBRARY
    address = "Tappströmsvägen 1, Ekerö"
    status = MeetingPlace.Status.APPROVED


class ActivityFactory(factory.django.DjangoModelFactory):
    """An activity with its occurrences stored, as the services leave it."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    actor = factory.SubFactory(ActorFactory)
    title = factory.Sequence(lambda n: f"Språkcafé {n}")
    slug = factory.Sequence(lambda n: f"aktivitet-{n}")
    summary = "Vi pratar svenska och fikar tillsammans."
    description = "Alla är välkomna."
    start = factory.LazyFunction(lambda: in_days(7))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    status = Activity.Status.PUBLISHED
    address = "Ekerö centrum"

    @factory.post_generation
    def occurrences(obj, create, extracted, **kwargs):
        if create:
            services.sync_occurrences(obj)


class RegistrationActivityFactory(ActivityFactory):
    registration_mode = Activity.Mode.REQUIRED
    capacity = 10


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"Deltagare {n}")
    email = factory.Sequence(lambda n: f"deltagare{n}@example.org")
    status = Registration.Status.CONFIRMED
    position = factory.Sequence(lambda n: n + 1)
