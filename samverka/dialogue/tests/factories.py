"""Factories for processes, phases, proposals, comments and feedback items (helper P's part).
`ProcessFactory` makes an open process with one phase under way (proposals and comments) unless
`phases=[]` or `phases=[(kind, starts_at, ends_at), ...]` is given."""

from datetime import timedelta

import factory
from django.utils import timezone

from samverka.dialogue.models import Comment, FeedbackItem, Phase, PhaseKind, Process, Proposal
from samverka.municipality.tests.factories import OfficeFactory


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Dialog om mötesplatser {n}")
    slug = factory.Sequence(lambda n: f"dialog-{n}")
    summary = "Vi frågar vad som behövs på mötesplatserna i kommunen."
    purpose = "Kommunen vill höra invånare och föreningar innan nämnden beslutar."
    to_decide = "Mötesplatsernas öppettider nästa år."
    office = factory.SubFactory(OfficeFactory)
    level = Process.Level.DIALOGUE
    stage = Process.Stage.DRAFTING
    status = Process.Status.OPEN
    feedback_days = 30

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if not create:
            return
        now = timezone.now()
        if extracted is None:
            extracted = [(PhaseKind.PROPOSALS, now - timedelta(days=5), now + timedelta(days=20))]
        for kind, starts_at, ends_at in extracted:
            Phase.objects.create(process=self, kind=kind, starts_at=starts_at, ends_at=ends_at)


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory, phases=[])
    kind = PhaseKind.PROPOSALS
    name = factory.Sequence(lambda n: f"Fas {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(days=14))


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    process = factory.SubFactory(ProcessFactory)
    author = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")
    title = factory.Sequence(lambda n: f"Öppna fritidsgården på lördagar {n}")
    body = "Många unga har ingenstans att vara på helgerna. Öppna gården på lördagar."


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    process = factory.SubFactory(ProcessFactory)
    proposal = None
    parent = None
    author = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")
    body = "Bra idé, men tänk på busstiderna till Färentuna."


class FeedbackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackItem

    process = factory.SubFactory(ProcessFactory)
    office = factory.LazyAttribute(lambda o: o.process.office if o.process else OfficeFactory())
    owner = None
    title = factory.Sequence(lambda n: f"Synpunkt {n}")
    said = "Fler bänkar vid bryggan."
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    status = FeedbackItem.Status.OPEN
