import factory

from samverka.municipality.models import Office, OfficeMembership


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"kontor-{n}")
    name = factory.Sequence(lambda n: f"Kontor {n}")


class OfficeMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeMembership

    office = factory.SubFactory(OfficeFactory)
    user = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")
