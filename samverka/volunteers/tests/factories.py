import factory
from django.utils import timezone

from samverka.volunteers.models import Assignment, HoursLog, Volunteer


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer

    name = factory.Sequence(lambda n: f"Volontär {n}")
    email = factory.Sequence(lambda n: f"volontar{n}@example.org")
    confirmed_at = factory.LazyFunction(timezone.now)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    volunteer = factory.SubFactory(VolunteerFactory)
    need = factory.SubFactory("samverka.needs.tests.factories.NeedFactory")


class HoursLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursLog

    assignment = factory.SubFactory(AssignmentFactory)
    volunteer = factory.SelfAttribute("assignment.volunteer")
    date = factory.LazyFunction(timezone.localdate)
    hours = 2
