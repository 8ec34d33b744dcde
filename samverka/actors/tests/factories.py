import factory

from samverka.actors.models import Actor, ActorMembership, Invitation


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Föreningen nummer {n}")
    slug = factory.Sequence(lambda n: f"foreningen-{n}")
    kind = Actor.Kind.NETWORK
    summary = "Vi träffas varje vecka och gör saker tillsammans."
    description = "Välkommen att vara med."


class AssociationFactory(ActorFactory):
    kind = Actor.Kind.ASSOCIATION
    # Valid Swedish organisation numbers (Luhn check digit), one per actor.
    organisation_number = factory.Sequence(lambda n: _orgnr(n))


def _orgnr(n: int) -> str:
    from stdnum import luhn

    body = f"802{n % 1000000:06d}"
    return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorMembership

    actor = factory.SubFactory(ActorFactory)
    user = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")
    role = ActorMembership.Role.OWNER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    actor = factory.SubFactory(ActorFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = ActorMembership.Role.EDITOR
