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


def held_link_case(*, office, actor, handler, reference="EVI-2026-8001"):
    """A link coordinated by `office` whose party `actor` (with `handler` named) holds a case
    sent with consent: (link, party, case, consent)."""
    from datetime import date

    from samverka.cases.models import Consent, Link, LinkParty

    link = Link.objects.create(name="Anhöriglänken", slug="anhoriglanken", coordinator_office=office)
    LinkParty.objects.create(link=link, office=office, joined_at=date(2026, 1, 1))
    party = LinkParty.objects.create(link=link, actor=actor, joined_at=date(2026, 1, 1))
    party.handlers.add(handler)
    case = CaseFactory(reference=reference, office=office, link=link, party=party, name="Ingrid Ström")
    consent = Consent.objects.create(case=case)
    return link, party, case, consent
