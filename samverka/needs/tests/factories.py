from datetime import timedelta

import factory
from django.utils import timezone

from samverka.municipality.tests.factories import OfficeFactory
from samverka.needs.models import Answer, Need


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    office = factory.SubFactory(OfficeFactory)
    actor = None
    title = factory.Sequence(lambda n: f"Ledare till språkcafé {n}")
    slug = factory.Sequence(lambda n: f"behov-{n}")
    summary = "Vi söker två personer som vill hjälpa till."
    description = "Verksamheten växer och behöver fler."
    kind = Need.Kind.VOLUNTEERS
    place = "Ekerö bibliotek"
    people_needed = 2
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.save()  # fills search_text
        return obj


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    need = factory.SubFactory(NeedFactory)
    user = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")
    kind = Answer.Kind.SIGN_UP
    message = "Jag kan gärna hjälpa till på tisdagar."
