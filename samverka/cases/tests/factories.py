import factory
from django.utils import timezone

from samverka.cases.models import Case, RoutingRule, Topic
from samverka.municipality.tests.factories import OfficeFactory


def topic(slug: str = "kultur-och-fritid") -> Topic:
    """One of the default topics (the migration loads them)."""
    return Topic.objects.get(slug=slug)


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    topic = None
    district = None
    office = factory.SubFactory(OfficeFactory)


class CaseFactory(factory.django.DjangoModelFactory):
    """A case as the services leave it after submission, without its timeline."""

    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"EVI-2026-{n + 9000:04d}")
    kind = Case.Kind.QUESTION
    topic = factory.LazyFunction(topic)
    message = "Var kan vår förening hyra en lokal på kvällarna?"
    name = "Lina Sandberg"
    email = factory.Sequence(lambda n: f"sender{n}@example.org")
    office = factory.SubFactory(OfficeFactory)
    received_at = factory.LazyFunction(timezone.now)
    answer_by = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=7))
