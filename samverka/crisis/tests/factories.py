import factory
from django.utils import timezone

from samverka.crisis.models import Crisis, CrisisVolunteer, HelpRequest, Task
from samverka.volunteers.models import Volunteer


class CrisisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Crisis
        skip_postgeneration_save = True

    name = "Storm på öarna"
    message = "Strömmen är borta på flera öar. Hjälp dina grannar."

    @factory.post_generation
    def triage_offices(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.triage_offices.set(extracted)


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Volontär {n}")
    email = factory.Sequence(lambda n: f"volontar{n}@example.org")
    phone = factory.Sequence(lambda n: f"+4670174{605 + n % 95:04d}"[:12])
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.districts.set(extracted)

    @factory.post_generation
    def help_kinds(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.help_kinds.set(extracted)


class CrisisVolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrisisVolunteer

    crisis = factory.SubFactory(CrisisFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    confirmed_at = factory.LazyFunction(timezone.now)


class HelpRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpRequest
        skip_postgeneration_save = True

    crisis = factory.SubFactory(CrisisFactory)
    reference = factory.Sequence(lambda n: f"KH-T{n:05d}")
    name = "Greta Holm"
    phone = "+46701740699"
    address = "Bryggvägen 3, Ekerö"
    what = "Mat från affären för veckan."
    when = "Tisdag före 12"
    status = HelpRequest.Status.OPEN
    priority = HelpRequest.Priority.NORMAL

    @factory.post_generation
    def help_kinds(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.help_kinds.set(extracted)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    help_request = factory.SubFactory(HelpRequestFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
