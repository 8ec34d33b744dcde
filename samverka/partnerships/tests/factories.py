from datetime import timedelta

import factory
from django.utils import timezone

from samverka.municipality.tests.factories import OfficeFactory
from samverka.partnerships.models import (
    Compact,
    Contribution,
    Document,
    Goal,
    Milestone,
    Partnership,
    Party,
    Signature,
)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    kind = Partnership.Kind.IOP
    title = factory.Sequence(lambda n: f"Läxhjälp på biblioteket {n}")
    slug = factory.Sequence(lambda n: f"partnerskap-{n}")
    summary = "Föreningar och kommunen ger läxhjälp tillsammans."
    challenge = "Många barn saknar någon som kan hjälpa dem med läxorna."
    why_partnership = "Verksamheten bygger på ideella läxhjälpare; ingen kan köpa den."
    office = factory.SubFactory(OfficeFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=600))
    status = Partnership.Status.ACTIVE
    is_public = True


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    partnership = factory.SubFactory(PartnershipFactory)
    actor = factory.SubFactory("samverka.actors.tests.factories.ActorFactory")
    office = None
    role = "Ideella läxhjälpare"


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    party = factory.SubFactory(PartyFactory)
    kind = Contribution.Kind.VOLUNTEERS
    amount = 10
    unit = Contribution.Unit.PEOPLE
    description = "Läxhjälpare två kvällar i veckan"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    partnership = factory.SubFactory(PartnershipFactory)
    text = "Fler elever når godkänt i matematik"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Uppföljning {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Överenskommelsen"
    visibility = Document.Visibility.PARTIES
    file = factory.django.FileField(filename="avtal.pdf", data=b"%PDF-1.4\n%%EOF\n")


class CompactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compact

    title = factory.Sequence(lambda n: f"Lokal överenskommelse {n}")
    slug = factory.Sequence(lambda n: f"overenskommelse-{n}")
    summary = "Principer för samverkan."
    principles = "Självständighet och oberoende.\n\nDialog."
    office = factory.SubFactory(OfficeFactory)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    compact = factory.SubFactory(CompactFactory)
    actor = factory.SubFactory("samverka.actors.tests.factories.ActorFactory")
