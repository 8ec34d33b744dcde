"""Factories for matching programmes. The names (ProgrammeFactory, ParticipantFactory,
CoordinatorFactory, ChoiceFactory, MatchFactory) are shared with the public side's tests."""

import factory
from django.utils import timezone

from samverka.matching.models import Choice, Coordinator, Match, Participant, Programme, Proposal, Run
from samverka.municipality.tests.factories import OfficeFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]

    kind = Programme.Kind.BEFRIENDING
    office = factory.SubFactory(OfficeFactory, slug="kultur-och-fritidskontoret", name="Kultur- och fritidskontoret")
    name = "Väntjänsten"
    slug = factory.Sequence(lambda n: f"vantjansten-{n}")
    summary = "Besöksvänner för dig som vill ha sällskap."
    status = Programme.Status.OPEN
    request_label = "Jag vill ha sällskap"
    offer_label = "Jag vill bli besöksvän"


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    programme = factory.SubFactory(ProgrammeFactory)
    group = Choice.Group.KIND
    name = factory.Sequence(lambda n: f"Val {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    side = Participant.Side.REQUEST
    status = Participant.Status.WAITING
    name = factory.Sequence(lambda n: f"Deltagare {n}")
    email = factory.Sequence(lambda n: f"deltagare{n}@example.org")
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def kinds(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.kinds.set(extracted)

    @factory.post_generation
    def interests(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.interests.set(extracted)

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.languages.set(extracted)


class RequestFactory(ParticipantFactory):
    side = Participant.Side.REQUEST


class OfferFactory(ParticipantFactory):
    side = Participant.Side.OFFER


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Run

    programme = factory.SubFactory(ProgrammeFactory)
    status = Run.Status.DONE
    finished_at = factory.LazyFunction(timezone.now)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    run = factory.SubFactory(RunFactory)
    programme = factory.SelfAttribute("run.programme")
    request = factory.SubFactory(RequestFactory, programme=factory.SelfAttribute("..programme"))
    offer = factory.SubFactory(OfferFactory, programme=factory.SelfAttribute("..programme"))
    score = 80.0


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    programme = factory.SubFactory(ProgrammeFactory)
    request = factory.SubFactory(RequestFactory, programme=factory.SelfAttribute("..programme"),
                                 status=Participant.Status.MATCHED)
    offer = factory.SubFactory(OfferFactory, programme=factory.SelfAttribute("..programme"),
                               status=Participant.Status.MATCHED)
    status = Match.Status.ACTIVE
