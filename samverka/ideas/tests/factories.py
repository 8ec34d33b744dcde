import factory
from django.utils import timezone

from samverka.ideas.models import Coach, Idea, StepNote, Support


class CoachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coach

    user = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")
    active = True


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Idé {n}")
    what = "Ett språkcafé där nyanlända och ekeröbor pratar svenska över en kopp kaffe."
    for_whom = "Nyanlända som vill öva svenska, och alla som vill träffa nya grannar."
    place = "Ekerö bibliotek"
    name = "Ali Hassan"
    email = factory.Sequence(lambda n: f"forfattare{n}@example.org")


class StepNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StepNote

    idea = factory.SubFactory(IdeaFactory)
    step = "information"
    from_step = "need"
    note = "Vi har träffats och pratat igenom idén."
    date = factory.LazyFunction(timezone.localdate)


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
    kind = Support.Kind.COACHING
    hours = 2
    date = factory.LazyFunction(timezone.localdate)
